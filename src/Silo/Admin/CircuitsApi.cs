using Mesh.Contracts.Circuits;

namespace Mesh.Silo.Admin;

internal static class CircuitsApi
{
    public static RouteGroupBuilder MapCircuitsApi(this RouteGroupBuilder api)
    {
        var circuits = api.MapGroup("/circuits").WithTags("Circuits");
        circuits.MapGet("/{service}", GetAsync).WithSummary("Get a service's mesh-wide circuit").Produces<CircuitDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        circuits.MapPost("/{service}/reset", ResetAsync).WithSummary("Close a circuit by hand").Produces<CircuitDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(string service, HttpContext http, IGrainFactory grains) =>
        await KnownServices.ExistsAsync(grains, http, service)
            ? Results.Ok(CircuitDocument.From(await grains.GetGrain<ICircuitBreakerGrain>(service).GetStatusAsync()))
            : AdminResults.NotFound($"service '{service}'");

    private static async Task<IResult> ResetAsync(string service, HttpContext http, IGrainFactory grains) =>
        await KnownServices.ExistsAsync(grains, http, service)
            ? Results.Ok(CircuitDocument.From(await grains.GetGrain<ICircuitBreakerGrain>(service).ResetAsync()))
            : AdminResults.NotFound($"service '{service}'");
}
