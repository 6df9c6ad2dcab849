using Mesh.Contracts.Caching;
using Mesh.Contracts.Catalog;

namespace Mesh.Proxy.Caching;

/// <summary>
/// Applies the cache purges a newly applied snapshot brings: those made since the version this edge served before. An
/// edge that was away so long that purges it never saw have left the retained list drops everything it holds.
/// </summary>
internal sealed partial class SnapshotPurges(ResponseStore store, ILogger<SnapshotPurges> logger)
{
    public void Apply(CatalogSnapshot previous, CatalogSnapshot applied)
    {
        var purges = applied.CachePurges;
        if (purges.IsEmpty || purges[^1].Version <= previous.Version)
        {
            return;
        }

        if (previous.Version > 0 && purges.Length >= CachePurge.Retained && purges[0].Version > previous.Version)
        {
            var dropped = store.Purge(null, null);
            LogPurged("(missed purges: everything)", null, null, dropped);
            return;
        }

        foreach (var purge in purges)
        {
            if (purge.Version > previous.Version)
            {
                var dropped = store.Purge(purge.Route, purge.PathPrefix);
                LogPurged(purge.Id, purge.Route, purge.PathPrefix, dropped);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache purge {Id} (route {Route}, path prefix {PathPrefix}) dropped {Count} stored responses")]
    private partial void LogPurged(string id, string? route, string? pathPrefix, int count);
}
