namespace Mesh.Contracts.Routes;

[GenerateSerializer, Immutable, Alias("mesh.weighted-backend")]
public sealed record WeightedBackend(
    [property: Id(0)] string Service,
    [property: Id(1)] int Weight);
