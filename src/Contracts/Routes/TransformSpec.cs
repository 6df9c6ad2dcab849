namespace Mesh.Contracts.Routes;

/// <summary>One request or response rewrite. <see cref="Name"/> is the path prefix or pattern, the header or the query parameter name.</summary>
[GenerateSerializer, Immutable, Alias("mesh.transform-spec")]
public sealed record TransformSpec(
    [property: Id(0)] TransformKind Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Value);
