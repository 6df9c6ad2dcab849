using Mesh.Contracts.Catalog;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;
using Orleans.Serialization;

namespace Mesh.Proxy.ControlPlane;

/// <summary>
/// Receives pushed snapshots and state deltas. Pushes are best-effort; <see cref="CatalogWatcher"/> polls as the
/// safety net, and at once when a delta finds this proxy holding another version than the one it applies to.
/// </summary>
internal sealed class CatalogObserver(
    SnapshotApplier applier,
    Serializer<CatalogSnapshot> serializer,
    [FromKeyedServices(Wakeup.Catalog)] Wakeup refresh) : ICatalogObserver
{
    public Task OnSnapshotAsync(EncodedSnapshot snapshot)
    {
        // A push of a version this proxy already holds (its own poll got there first) is not decoded at all.
        if (snapshot.Version > applier.OfferedVersion)
        {
            applier.Offer(snapshot.Decode(serializer));
        }

        return Task.CompletedTask;
    }

    public Task OnEndpointStateAsync(EndpointStateDelta delta)
    {
        if (!applier.OfferDelta(delta))
        {
            refresh.Request();
        }

        return Task.CompletedTask;
    }
}
