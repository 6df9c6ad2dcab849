using Mesh.Contracts;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class ServicesApi
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("/", ListAsync).WithSummary("List services, each with its endpoints' health and its circuit").Produces<ServiceDocument[]>();
        services.MapGet("/{name}", GetAsync).WithSummary("Get a service, its endpoints' health and its circuit").Produces<ServiceDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        services.MapPut("/{name}", PutAsync).WithSummary("Create or replace a service")
            .Accepts<ServiceDocument>("application/json")
            .Produces<ServiceDocument>()
            .ProducesValidationProblem();
        services.MapDelete("/{name}", DeleteAsync).WithSummary("Delete a service (refused while routes use it)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return Results.Ok(await Task.WhenAll(snapshot.Services.Select(s => ReadAsync(s.Key, s.Value, snapshot.ConfigVersion, grains))));
    }

    private static async Task<IResult> GetAsync(string name, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return snapshot.Services.TryGetValue(name, out var entry)
            ? Results.Ok(await ReadAsync(name, entry, snapshot.ConfigVersion, grains))
            : AdminResults.NotFound($"service '{name}'");
    }

    /// <summary>
    /// A service as the live grains see it: the catalog publishes an endpoint's health only when it changes where
    /// proxies may send, and shows ejections; the endpoint grains add the rest (a first probe, the last heartbeat).
    /// </summary>
    private static async Task<ServiceDocument> ReadAsync(string name, ServiceEntry entry, long version, IGrainFactory grains)
    {
        var circuit = grains.GetGrain<ICircuitBreakerGrain>(name).GetStatusAsync();
        var live = await Task.WhenAll(entry.Endpoints.Keys.Select(id => grains.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(name, id)).GetStatusAsync()));
        var endpoints = live.OfType<EndpointStatus>().Select(s => entry.Endpoints[s.Id] is { Health: EndpointHealth.Ejected } ejected ? s with { Health = ejected.Health, EjectedUntil = ejected.EjectedUntil } : s);
        return Render(name, entry.Spec, version, endpoints) with { Circuit = CircuitDocument.From(await circuit) };
    }

    private static Task<IResult> PutAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<ServiceDocument, ServiceSpec>(
            http,
            name,
            $"service '{name}'",
            ServiceDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.Service, name, spec),
            (spec, version) => ServiceDocuments.From(name, spec) with { Version = version, Endpoints = [] });

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.Service, name), $"service '{name}'", null);

    private static ServiceDocument Render(string name, ServiceSpec spec, long version, IEnumerable<EndpointStatus> endpoints) =>
        ServiceDocuments.From(name, spec) with { Version = version, Endpoints = endpoints.Select(EndpointDocuments.From).ToArray() };
}
