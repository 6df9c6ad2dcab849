using Mesh.Contracts;
using Mesh.Contracts.Proxies;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class ProxiesApi
{
    public static RouteGroupBuilder MapProxiesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/proxies", ListAsync).WithSummary("List connected proxies and the version each applied").WithTags("Proxies").Produces<ProxyDocument[]>();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var versions = await grains.Catalog().GetVersionsAsync();
        var proxies = await grains.GetGrain<IProxyDirectoryGrain>(GrainKeys.ProxyDirectory).ListAsync();
        http.Items[AdminResults.VersionsItem] = versions;
        return Results.Ok(proxies.Select(p => new ProxyDocument
        {
            Id = p.Report.Id,
            Mode = EnumNames<ProxyMode>.Name(p.Report.Mode),
            Address = p.Report.Address,
            Identity = p.Report.Identity,
            AppliedVersion = p.Report.AppliedConfigVersion,
            SnapshotVersion = p.Report.AppliedVersion,
            Converged = p.Report.AppliedConfigVersion == versions.Config,
            LastError = p.Report.LastError,
            LastSeen = p.LastSeen,
        }).ToArray());
    }
}
