using System.Collections.Immutable;

namespace Mesh.Contracts.Routes;

[GenerateSerializer, Immutable, Alias("mesh.route-match")]
public sealed record RouteMatch(
    [property: Id(0)] ImmutableArray<string> Hosts,
    [property: Id(1)] string? Path,
    [property: Id(2)] ImmutableArray<string> Methods,
    [property: Id(3)] ImmutableArray<HeaderMatch> Headers,
    [property: Id(4)] ImmutableArray<HeaderMatch> Query);
