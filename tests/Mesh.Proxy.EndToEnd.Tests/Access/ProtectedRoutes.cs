using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>A backend behind a route with the access fields a test gives, applied on every edge; backends stopped at the end.</summary>
public sealed class ProtectedRoutes(AccessFixture mesh) : IAsyncDisposable
{
    private readonly TestBackends _backends = new();

    /// <summary>
    /// Starts a backend, routes <c>/{name}/…</c> (only <paramref name="methods"/>, when given) to it with
    /// <paramref name="access"/> (JSON members), and waits for all edges.
    /// </summary>
    public async Task<(string Path, TestBackend Backend)> ExposeAsync(string name, string access, string? methods = null)
    {
        var backend = await _backends.StartAsync(name);
        await mesh.Admin.PutServiceAsync(name, """{ "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 } }""");
        await mesh.Admin.PutEndpointAsync(name, backend);
        var version = await mesh.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}"{{(methods is null ? "" : $", \"methods\": {methods}")}} }, "backends": [{ "service": "{{name}}" }], {{access}} }""");
        await mesh.SyncAsync(version);
        return ($"/{name}/x", backend);
    }

    public static async Task<HttpResponseMessage> SendAsync(ProxyProcess edge, string path, params (string Name, string Value)[] headers)
    {
        using var request = ProxyRequest.Get(path, headers: headers);
        var response = await edge.Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public ValueTask DisposeAsync() => _backends.DisposeAsync();
}
