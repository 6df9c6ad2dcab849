using System.Collections.Frozen;
using Mesh.Contracts.Catalog;
using Mesh.Proxy.Access;

namespace Mesh.Proxy.Catalog;

/// <summary>
/// The snapshot the data plane serves from, swapped whole with the YARP configuration built from it, and what is
/// compiled from it once, when it is applied: the route plans and the callers edges recognise.
/// </summary>
internal sealed class ProxyView
{
    public ProxyView(CatalogSnapshot snapshot, ProxyView? previous = null, TimeProvider? time = null)
    {
        Snapshot = snapshot;
        Callers = CallerDirectory.For(snapshot, previous?.Callers ?? CallerDirectory.Empty, time ?? TimeProvider.System);
        Routes = RoutePlan.For(snapshot, Callers);
    }

    public static ProxyView Empty { get; } = new(CatalogSnapshot.Empty);

    public CatalogSnapshot Snapshot { get; }

    public long Version => Snapshot.Version;

    public CallerDirectory Callers { get; }

    /// <summary>Every route by id, with what a request on it needs.</summary>
    public FrozenDictionary<string, RoutePlan> Routes { get; }
}
