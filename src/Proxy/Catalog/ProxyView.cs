using Mesh.Contracts.Catalog;

namespace Mesh.Proxy.Catalog;

/// <summary>The snapshot the data plane serves from, swapped whole with the YARP configuration built from it.</summary>
internal sealed record ProxyView(CatalogSnapshot Snapshot)
{
    public static ProxyView Empty { get; } = new(CatalogSnapshot.Empty);

    public long Version => Snapshot.Version;
}
