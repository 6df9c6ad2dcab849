using Mesh.Contracts.Routes;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class RoutesApi
{
    public static RouteGroupBuilder MapRoutesApi(this RouteGroupBuilder api)
    {
        var routes = api.MapGroup("/routes").WithTags("Routes");
        routes.MapGet("/", ListAsync).WithSummary("List routes").Produces<RouteDocument[]>();
        routes.MapGet("/{id}", GetAsync).WithSummary("Get a route").Produces<RouteDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPut("/{id}", PutAsync).WithSummary("Create or replace a route").Accepts<RouteDocument>("application/json").Produces<RouteDocument>().ProducesValidationProblem();
        routes.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a route").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return Results.Ok(snapshot.Routes.Select(r => RouteDocuments.From(r.Key, r.Value) with { Version = snapshot.ConfigVersion }).ToArray());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return snapshot.Routes.TryGetValue(id, out var spec)
            ? Results.Ok(RouteDocuments.From(id, spec) with { Version = snapshot.ConfigVersion })
            : AdminResults.NotFound($"route '{id}'");
    }

    private static Task<IResult> PutAsync(string id, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<RouteDocument, RouteSpec>(
            http,
            id,
            $"route '{id}'",
            RouteDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.Route, id, spec),
            (spec, version) => RouteDocuments.From(id, spec) with { Version = version },
            nameField: "id");

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.Route, id), $"route '{id}'", null);
}
