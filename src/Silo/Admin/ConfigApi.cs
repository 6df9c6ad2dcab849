using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class ConfigApi
{
    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        api.MapGet("/config", GetAsync).WithSummary("Get the whole catalog as one document").WithTags("Configuration").Produces<ConfigDocument>();
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersion(http, snapshot.Version);
        return Results.Ok(new ConfigDocument
        {
            Version = snapshot.Version,
            Services = snapshot.Services.ToDictionary(s => s.Key, s => ServiceDocuments.From(s.Key, s.Value.Spec) with { Name = null }, StringComparer.Ordinal),
            Routes = snapshot.Routes.ToDictionary(r => r.Key, r => RouteDocuments.From(r.Key, r.Value) with { Id = null }, StringComparer.Ordinal),
            RateLimits = snapshot.RateLimits.ToDictionary(p => p.Key, p => RateLimitPolicyDocuments.From(p.Key, p.Value) with { Name = null }, StringComparer.Ordinal),
            Authz = snapshot.Authz.ToDictionary(a => a.Key, a => AuthzPolicyDocuments.From(a.Key, a.Value) with { Service = null }, StringComparer.Ordinal),
        });
    }
}
