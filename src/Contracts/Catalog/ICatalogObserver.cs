using Orleans.Concurrency;
namespace Mesh.Contracts.Catalog;

/// <summary>Receives new snapshots. Pushes are best-effort: watchers also poll with the version they hold.</summary>
[Alias("mesh.catalog-observer")]
public interface ICatalogObserver : IGrainObserver
{
    [OneWay, Alias("on-snapshot")]
    Task OnSnapshotAsync(CatalogSnapshot snapshot);
}
