using Mesh.Contracts.Catalog;

namespace Mesh.Silo.Catalog;

/// <summary>Stores one resource's spec in its own row, so a change writes one small record.</summary>
internal abstract class SpecGrain<TSpec>(IPersistentState<SpecState<TSpec>> state) : Grain, ISpecGrain<TSpec>
    where TSpec : class
{
    public Task<TSpec?> GetAsync() => Task.FromResult(state.State.Spec);

    public async Task StoreAsync(TSpec spec)
    {
        state.State.Spec = spec;
        await state.WriteStateAsync();
    }

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
