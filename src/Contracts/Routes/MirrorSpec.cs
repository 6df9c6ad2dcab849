namespace Mesh.Contracts.Routes;

[GenerateSerializer, Immutable, Alias("mesh.mirror-spec")]
public sealed record MirrorSpec(
    [property: Id(0)] string Service,
    [property: Id(1)] int Percent);
