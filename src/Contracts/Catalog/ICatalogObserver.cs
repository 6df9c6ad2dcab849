namespace Mesh.Contracts.Catalog;

/// <summary>
/// Receives what the catalog pushes: whole snapshots when configuration changes (or a proxy must catch up), state
/// deltas when only endpoint state does. Calls are acknowledged, so the catalog keeps one push in flight per proxy
/// and a slow proxy gets the latest snapshot, never a queue of stale ones. Pushes are best-effort: watchers also
/// poll with the version they hold.
/// </summary>
[Alias("mesh.catalog-observer")]
public interface ICatalogObserver : IGrainObserver
{
    /// <summary>The whole snapshot, encoded once for every watcher (<see cref="EncodedSnapshot"/>).</summary>
    [Alias("on-encoded-snapshot")]
    Task OnSnapshotAsync(EncodedSnapshot snapshot);

    [Alias("on-endpoint-state")]
    Task OnEndpointStateAsync(EndpointStateDelta delta);
}
