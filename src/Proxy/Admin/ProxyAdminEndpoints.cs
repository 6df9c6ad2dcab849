using System.Text.Json;
using Mesh.Proxy.Catalog;
using Mesh.Contracts.Circuits;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.Resilience;

namespace Mesh.Proxy.Admin;

/// <summary>The admin listener: <c>/healthz</c>, <c>/readyz</c> (a snapshot is applied), <c>/config</c> and <c>/circuits</c>. <c>/metrics</c> is served before it.</summary>
internal sealed class ProxyAdminEndpoints(SnapshotApplier applier, CircuitStates circuits)
{
    public Task HandleAsync(HttpContext context) => context.Request.Path.Value switch
    {
        "/healthz" => Results.Text("ok").ExecuteAsync(context),
        "/readyz" => applier.AppliedVersion > 0
            ? Results.Text("ready").ExecuteAsync(context)
            : Results.Text("not ready: no snapshot applied yet", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context),
        "/config" => WriteConfigAsync(context),
        "/circuits" => Results.Json(
            new SortedDictionary<string, CircuitDocument>(circuits.Known.ToDictionary(c => c.Service, CircuitDocument.From), StringComparer.Ordinal),
            SnapshotJson.Options).ExecuteAsync(context),
        _ => ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "the admin listener serves /healthz, /readyz, /config, /circuits and /metrics"),
    };

    private Task WriteConfigAsync(HttpContext context)
    {
        var view = applier.Current;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new { version = view.Version, lastError = applier.LastError, snapshot = view.Snapshot }, SnapshotJson.Options, context.RequestAborted);
    }
}
