using System.Collections.Immutable;

namespace Mesh.Contracts.Endpoints;

/// <summary>A registered instance of a service. Without <see cref="Ttl"/> it stays until deleted.</summary>
[GenerateSerializer, Immutable, Alias("mesh.endpoint-spec")]
public sealed record EndpointSpec(
    [property: Id(0)] Uri Address,
    [property: Id(1)] int Weight,
    [property: Id(2)] string Zone,
    [property: Id(3)] ImmutableSortedDictionary<string, string> Metadata,
    [property: Id(4)] TimeSpan? Ttl);
