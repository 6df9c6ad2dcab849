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
        var version = await grains.Catalog().GetVersionAsync();
        var proxies = await grains.GetGrain<IProxyDirectoryGrain>(GrainKeys.ProxyDirectory).ListAsync();
        AdminResults.RecordVersion(http, version);
        return Results.Ok(proxies.Select(p => new ProxyDocument
        {
            Id = p.Report.Id,
            Mode = EnumNames<ProxyMode>.Name(p.Report.Mode),
            Address = p.Report.Address,
            AppliedVersion = p.Report.AppliedVersion,
            Converged = p.Report.AppliedVersion == version,
            LastError = p.Report.LastError,
            LastSeen = p.LastSeen,
        }).ToArray());
    }
}
