using System.Collections.Immutable;

namespace Mesh.Contracts.Routes;

/// <summary>A request header (or query parameter) condition; <see cref="Values"/> is empty for <see cref="HeaderMatchMode.Exists"/>.</summary>
[GenerateSerializer, Immutable, Alias("mesh.header-match")]
public sealed record HeaderMatch(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<string> Values,
    [property: Id(2)] HeaderMatchMode Mode);
