namespace Mesh.Contracts.Configuration;

/// <summary>
/// Keyed by the catalog's commit sequence number. Written before the catalog records the commit, so that a
/// commit the catalog never recorded leaves only an entry the next commit overwrites.
/// </summary>
[Alias("mesh.config-history-entry-grain")]
public interface IConfigHistoryEntryGrain : IGrainWithIntegerKey
{
    [Alias("get")]
    Task<ConfigHistoryEntry?> GetAsync();

    [Alias("store")]
    Task StoreAsync(ConfigHistoryEntry entry);

    [Alias("clear")]
    Task ClearAsync();
}
