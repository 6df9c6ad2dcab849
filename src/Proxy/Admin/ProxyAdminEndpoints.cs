using System.Text.Json;
using Mesh.Proxy.Catalog;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Proxies;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Identity;
using Mesh.Proxy.Resilience;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Admin;

/// <summary>The admin listener: <c>/healthz</c>, <c>/readyz</c> (see <see cref="ProxyReadiness"/>), <c>/config</c> and <c>/circuits</c>. <c>/metrics</c> is served before it.</summary>
internal sealed class ProxyAdminEndpoints(SnapshotApplier applier, CircuitStates circuits, WorkloadIdentity identity, IOptions<ProxyOptions> options)
{
    private readonly bool _isSidecar = options.Value.Mode == ProxyMode.Sidecar;

    public Task HandleAsync(HttpContext context) => context.Request.Path.Value switch
    {
        "/healthz" => Results.Text("ok").ExecuteAsync(context),
        "/readyz" => ReadinessProblem() is { } problem
            ? Results.Text("not ready: " + problem, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context)
            : Results.Text("ready").ExecuteAsync(context),
        "/config" => WriteConfigAsync(context),
        "/circuits" => Results.Json(
            new SortedDictionary<string, CircuitDocument>(circuits.Known.ToDictionary(c => c.Service, CircuitDocument.From), StringComparer.Ordinal),
            SnapshotJson.Options).ExecuteAsync(context),
        _ => ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "the admin listener serves /healthz, /readyz, /config, /circuits and /metrics"),
    };

    private string? ReadinessProblem() => ProxyReadiness.Problem(applier.AppliedVersion, applier.Current.Snapshot, _isSidecar, identity.Current is not null);

    private Task WriteConfigAsync(HttpContext context)
    {
        var view = applier.Current;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new { version = view.Version, configVersion = view.Snapshot.ConfigVersion, lastError = applier.LastError, snapshot = view.Snapshot }, SnapshotJson.Options, context.RequestAborted);
    }
}
