using System.Collections.Frozen;
using Mesh.Contracts.Catalog;

namespace Mesh.Proxy.Catalog;

/// <summary>
/// The snapshot the data plane serves from, swapped whole with the YARP configuration built from it, and the route
/// plans compiled from it once, when it is applied.
/// </summary>
internal sealed record ProxyView(CatalogSnapshot Snapshot)
{
    public static ProxyView Empty { get; } = new(CatalogSnapshot.Empty);

    public long Version => Snapshot.Version;

    /// <summary>Every route by id, with what a request on it needs.</summary>
    public FrozenDictionary<string, RoutePlan> Routes { get; } = RoutePlan.For(Snapshot);
}
