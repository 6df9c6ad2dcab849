using Mesh.Contracts;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class EndpointsApi
{
    public static RouteGroupBuilder MapEndpointsApi(this RouteGroupBuilder api)
    {
        var endpoints = api.MapGroup("/services/{service}/endpoints").WithTags("Endpoints");
        endpoints.MapGet("/", ListAsync).WithSummary("List a service's endpoints").Produces<EndpointDocument[]>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/{id}", GetAsync).WithSummary("Get an endpoint with its health and last probe").Produces<EndpointDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPut("/{id}", PutAsync).WithSummary("Register or replace an endpoint")
            .Accepts<EndpointDocument>("application/json")
            .Produces<EndpointDocument>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapDelete("/{id}", DeleteAsync).WithSummary("Remove an endpoint").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/{id}/heartbeat", HeartbeatAsync).WithSummary("Keep a TTL registration alive").Produces<EndpointDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/{id}/drain", DrainAsync).WithSummary("Drain an endpoint: no new requests, in-flight ones finish").Produces<EndpointDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(string service, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        if (!snapshot.Services.TryGetValue(service, out var entry))
        {
            return AdminResults.NotFound($"service '{service}'");
        }

        var statuses = await Task.WhenAll(entry.Endpoints.Keys.Select(id => Endpoint(grains, service, id).GetStatusAsync()));
        return Results.Ok(statuses.OfType<EndpointStatus>().Select(s => EndpointDocuments.From(s) with { Version = snapshot.ConfigVersion }).ToArray());
    }

    private static async Task<IResult> GetAsync(string service, string id, IGrainFactory grains) =>
        Render(IsValidKey(service, id) ? await Endpoint(grains, service, id).GetStatusAsync() : null, service, id);

    private static Task<IResult> PutAsync(string service, string id, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<EndpointDocument, EndpointSpec>(
            http,
            id,
            $"service '{service}'",
            EndpointDocuments.Parse,
            spec => grains.Catalog().PutEndpointAsync(service, id, spec),
            (spec, version) => EndpointDocuments.From(new EndpointStatus(service, id, spec, EndpointHealth.Unknown, null, null, Guid.Empty, 0)) with { Version = version },
            ResourceNames.IsValidEndpointId,
            "id",
            ResourceNames.EndpointIdRule);

    private static async Task<IResult> DeleteAsync(string service, string id, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteEndpointAsync(service, id), $"endpoint '{service}/{id}'", null);

    /// <summary>Straight to the endpoint's grain: heartbeats are frequent and never change the catalog.</summary>
    private static async Task<IResult> HeartbeatAsync(string service, string id, IGrainFactory grains) =>
        Render(IsValidKey(service, id) ? await Endpoint(grains, service, id).HeartbeatAsync() : null, service, id);

    private static async Task<IResult> DrainAsync(string service, string id, HttpContext http, IGrainFactory grains)
    {
        var result = await grains.Catalog().DrainEndpointAsync(service, id);
        if (result.Outcome != Contracts.Catalog.WriteOutcome.Applied)
        {
            return AdminResults.Write(http, result, $"endpoint '{service}/{id}'", null);
        }
        return Render(await Endpoint(grains, service, id).GetStatusAsync(), service, id);
    }

    private static bool IsValidKey(string service, string id) => ResourceNames.IsValidName(service) && ResourceNames.IsValidEndpointId(id);

    private static IEndpointGrain Endpoint(IGrainFactory grains, string service, string id) =>
        grains.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(service, id));

    private static IResult Render(EndpointStatus? status, string service, string id) =>
        status is null ? AdminResults.NotFound($"endpoint '{service}/{id}'") : Results.Ok(EndpointDocuments.From(status));
}
