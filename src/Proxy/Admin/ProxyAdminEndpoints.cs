using System.Text.Json;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Forwarding;

namespace Mesh.Proxy.Admin;

/// <summary>The admin listener: <c>/healthz</c>, <c>/readyz</c> (a snapshot is applied) and <c>/config</c>. <c>/metrics</c> is served before it.</summary>
internal sealed class ProxyAdminEndpoints(SnapshotApplier applier)
{
    public Task HandleAsync(HttpContext context) => context.Request.Path.Value switch
    {
        "/healthz" => Results.Text("ok").ExecuteAsync(context),
        "/readyz" => applier.AppliedVersion > 0
            ? Results.Text("ready").ExecuteAsync(context)
            : Results.Text("not ready: no snapshot applied yet", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context),
        "/config" => WriteConfigAsync(context),
        _ => ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "the admin listener serves /healthz, /readyz, /config and /metrics"),
    };

    private Task WriteConfigAsync(HttpContext context)
    {
        var view = applier.Current;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new { version = view.Version, lastError = applier.LastError, snapshot = view.Snapshot }, SnapshotJson.Options, context.RequestAborted);
    }
}
