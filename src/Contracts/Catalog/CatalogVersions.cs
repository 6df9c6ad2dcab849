namespace Mesh.Contracts.Catalog;

/// <summary>
/// <see cref="Config"/>: the last configuration commit (history and convergence speak of it).
/// <see cref="Snapshot"/>: what proxies follow, also grown by changes of endpoint state.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.catalog-versions")]
public sealed record CatalogVersions([property: Id(0)] long Config, [property: Id(1)] long Snapshot);
