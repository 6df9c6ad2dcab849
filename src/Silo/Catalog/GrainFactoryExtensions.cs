using Mesh.Contracts;
using Mesh.Contracts.Catalog;

namespace Mesh.Silo.Catalog;

internal static class GrainFactoryExtensions
{
    public static ICatalogGrain Catalog(this IGrainFactory grains) => grains.GetGrain<ICatalogGrain>(GrainKeys.Catalog);
}
