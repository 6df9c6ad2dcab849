using Mesh.Contracts.Catalog;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Reads answered from the snapshot proxies get: the resources and the version headers are of one version.</summary>
internal static class SnapshotReads
{
    public static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains, Func<CatalogSnapshot, IEnumerable<object>> list)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return Results.Ok(list(snapshot).ToArray());
    }

    public static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains, string what, Func<CatalogSnapshot, object?> find)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return find(snapshot) is { } found ? Results.Ok(found) : AdminResults.NotFound(what);
    }
}
