namespace Mesh.Contracts.Catalog;

/// <summary>
/// The stored spec of one resource in the catalog layout before 0.3 (one row per resource). The catalog reads
/// these once, to move them into its own state, and clears them.
/// </summary>
[Alias("mesh.spec-grain`1")]
public interface ISpecGrain<TSpec> : IGrainWithStringKey
    where TSpec : class
{
    [Alias("get")]
    Task<TSpec?> GetAsync();

    [Alias("clear")]
    Task ClearAsync();
}
