using Mesh.Contracts.Configuration;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Catalog;

/// <summary>One commit's details in a row of their own, so a commit writes its changes once and the catalog's row stays small.</summary>
internal sealed class ConfigHistoryEntryGrain(
    [PersistentState("history-entry", StorageNames.Mesh)] IPersistentState<ConfigHistoryEntryState> state) : Grain, IConfigHistoryEntryGrain
{
    public Task<ConfigHistoryEntry?> GetAsync() => Task.FromResult(state.State.Entry);

    public async Task StoreAsync(ConfigHistoryEntry entry)
    {
        state.State.Entry = entry;
        await state.WriteStateAsync();
    }

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[GenerateSerializer, Alias("mesh.config-history-entry-state")]
internal sealed class ConfigHistoryEntryState
{
    [Id(0)]
    public ConfigHistoryEntry? Entry { get; set; }
}
