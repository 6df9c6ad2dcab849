namespace Mesh.Contracts.Catalog;

/// <summary>
/// Owns the stored spec of one resource. Only the catalog writes through it, so that writes
/// that must see other resources (references, deletes still in use) are decided in one place.
/// </summary>
[Alias("mesh.spec-grain`1")]
public interface ISpecGrain<TSpec> : IGrainWithStringKey
    where TSpec : class
{
    [Alias("get")]
    Task<TSpec?> GetAsync();

    [Alias("store")]
    Task StoreAsync(TSpec spec);

    [Alias("clear")]
    Task ClearAsync();
}
