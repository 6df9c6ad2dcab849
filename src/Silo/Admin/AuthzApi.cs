using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class AuthzApi
{
    public static RouteGroupBuilder MapAuthzApi(this RouteGroupBuilder api)
    {
        var authz = api.MapGroup("/authz").WithTags("Authorization");
        authz.MapGet("/{service}", GetAsync).WithSummary("Get a service's authorization policy").Produces<AuthzPolicyDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        authz.MapPut("/{service}", PutAsync).WithSummary("Create or replace a service's authorization policy")
            .Accepts<AuthzPolicyDocument>("application/json")
            .Produces<AuthzPolicyDocument>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        authz.MapDelete("/{service}", DeleteAsync).WithSummary("Delete a service's authorization policy: any mesh identity may call it again").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(string service, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return snapshot.Authz.TryGetValue(service, out var spec)
            ? Results.Ok(AuthzPolicyDocuments.From(service, spec) with { Version = snapshot.ConfigVersion })
            : AdminResults.NotFound($"authorization policy of '{service}'");
    }

    private static Task<IResult> PutAsync(string service, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<AuthzPolicyDocument, AuthzPolicySpec>(
            http,
            service,
            $"service '{service}'",
            AuthzPolicyDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.Authz, service, spec),
            (spec, version) => AuthzPolicyDocuments.From(service, spec) with { Version = version },
            nameField: "service");

    private static async Task<IResult> DeleteAsync(string service, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.Authz, service), $"authorization policy of '{service}'", null);
}
