using Mesh.Contracts.Configuration;

namespace Mesh.Contracts.Catalog;

/// <summary>A single resource's PUT or DELETE: a commit of one change, answered as the per-resource API answers.</summary>
public static class CatalogWrites
{
    public static async Task<WriteResult> PutAsync(this ICatalogGrain catalog, string kind, string name, object spec) =>
        (await catalog.CommitAsync(ConfigCommit.Put(kind, name, spec))).AsWriteResult();

    public static async Task<WriteResult> DeleteAsync(this ICatalogGrain catalog, string kind, string name) =>
        (await catalog.CommitAsync(ConfigCommit.Delete(kind, name))).AsWriteResult();
}
