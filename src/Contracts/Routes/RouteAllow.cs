using System.Collections.Immutable;

namespace Mesh.Contracts.Routes;

/// <summary>A route's allow list: a caller is let in when it is one of <see cref="Consumers"/> or in one of <see cref="Groups"/>.</summary>
[GenerateSerializer, Immutable, Alias("mesh.route-allow")]
public sealed record RouteAllow(
    [property: Id(0)] ImmutableArray<string> Consumers,
    [property: Id(1)] ImmutableArray<string> Groups);
