using Mesh.Contracts.Catalog;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.ControlPlane;

/// <summary>Receives pushed snapshots. Pushes are best-effort; <see cref="CatalogWatcher"/> polls as the safety net.</summary>
internal sealed class CatalogObserver(SnapshotApplier applier) : ICatalogObserver
{
    public Task OnSnapshotAsync(CatalogSnapshot snapshot)
    {
        applier.Offer(snapshot);
        return Task.CompletedTask;
    }
}
