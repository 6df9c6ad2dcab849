using Mesh.Contracts.Catalog;

namespace Mesh.Silo.Catalog;

/// <summary>One resource's spec in its own row: the catalog layout before 0.3, read once to migrate it, then cleared.</summary>
internal abstract class SpecGrain<TSpec>(IPersistentState<SpecState<TSpec>> state) : Grain, ISpecGrain<TSpec>
    where TSpec : class
{
    public Task<TSpec?> GetAsync() => Task.FromResult(state.State.Spec);

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
