using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Whether a service named in a URL exists, recording the catalog version the answer came from.</summary>
internal static class KnownServices
{
    public static async Task<bool> ExistsAsync(IGrainFactory grains, HttpContext http, string service)
    {
        if (!ResourceNames.IsValidName(service))
        {
            return false;
        }

        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return snapshot.Services.ContainsKey(service);
    }
}
