using System.Collections.Immutable;

namespace Mesh.Contracts.Consumers;

/// <summary>
/// A client of the edge, known by the keys issued to it or by the subject of its tokens. <see cref="RateLimit"/>
/// names a policy that replaces a route's for this consumer (its tier).
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.consumer-spec")]
public sealed record ConsumerSpec(
    [property: Id(0)] ImmutableArray<string> Groups,
    [property: Id(1)] string? RateLimit,
    [property: Id(2)] ImmutableSortedDictionary<string, string> Metadata);
