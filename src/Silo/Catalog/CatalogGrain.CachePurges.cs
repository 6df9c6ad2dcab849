using Mesh.Contracts.Caching;

namespace Mesh.Silo.Catalog;

/// <summary>
/// Cache purges are state beside the configuration: each is a new version with no history entry, pushed as a delta, and
/// kept (the latest <see cref="CachePurge.Retained"/>) in the snapshot so an edge that was away applies it on resync.
/// </summary>
internal sealed partial class CatalogGrain
{
    public async Task<CachePurge> PurgeCacheAsync(string? route, string? pathPrefix)
    {
        var purge = new CachePurge(Guid.NewGuid().ToString("N"), NextVersion(), route, pathPrefix, time.GetUtcNow());
        var purges = state.State.CachePurges;
        purges.Add(purge);
        if (purges.Count > CachePurge.Retained)
        {
            purges.RemoveRange(0, purges.Count - CachePurge.Retained);
        }

        _model.SetCachePurges(purges);
        await PublishAsync([], purge: purge);
        return purge;
    }

    public Task<CachePurge?> GetCachePurgeAsync(string id) =>
        Task.FromResult(state.State.CachePurges.Find(p => string.Equals(p.Id, id, StringComparison.Ordinal)));
}
