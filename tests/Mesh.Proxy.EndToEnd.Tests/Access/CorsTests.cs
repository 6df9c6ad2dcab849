using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>
/// CORS at the edge: preflights are answered by the edge (before authentication, as browsers send them without
/// credentials) and never reach the upstream; an allowed origin's responses carry the allow headers, a refused
/// origin gets none.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class CorsTests(AccessFixture mesh) : IAsyncLifetime
{
    private const string Cors = """
        "cors": { "allowOrigins": ["https://app.example.test", "https://*.apps.example.test"], "allowMethods": ["GET", "PUT"],
                  "allowHeaders": ["content-type"], "exposeHeaders": ["x-backend"], "maxAge": "10m" }
        """;

    private readonly ProtectedRoutes _routes = new(mesh);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _routes.DisposeAsync();

    [Theory]
    [InlineData("https://app.example.test")]
    [InlineData("https://web.apps.example.test")]
    public async Task APreflightFromAnAllowedOrigin_IsAnsweredByTheEdge_WithoutAKey(string origin)
    {
        var (path, backend) = await ExposeAsync();

        using var preflight = await PreflightAsync(path, origin, "PUT", "content-type");

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(origin, Header(preflight, "access-control-allow-origin"));
        Assert.Contains("PUT", Header(preflight, "access-control-allow-methods"), StringComparison.Ordinal);
        Assert.Equal("content-type", Header(preflight, "access-control-allow-headers"));
        Assert.Equal("600", Header(preflight, "access-control-max-age"));
        Assert.Equal(0, backend.Received);
    }

    [Theory]
    [InlineData("https://evil.example.test", "PUT", "content-type")]
    [InlineData("https://a.b.apps.example.test", "PUT", "content-type")]
    [InlineData("http://app.example.test", "PUT", "content-type")]
    [InlineData("https://app.example.test", "DELETE", "content-type")]
    [InlineData("https://app.example.test", "PUT", "x-secret")]
    public async Task APreflightFromARefusedOrigin_OrForAMethodOrHeaderNotAllowed_GetsNoCorsHeaders(string origin, string method, string headers)
    {
        var (path, backend) = await ExposeAsync();

        using var preflight = await PreflightAsync(path, origin, method, headers);

        Assert.Null(Header(preflight, "access-control-allow-origin"));
        Assert.Null(Header(preflight, "access-control-allow-methods"));
        Assert.Equal(0, backend.Received);
    }

    [Fact]
    public async Task AnActualRequest_FromAnAllowedOrigin_CarriesTheAllowAndExposeHeaders_AndFromARefusedOneNone()
    {
        var (path, _) = await ExposeAsync();
        var consumer = Names.Unique("web");
        await mesh.Admin.PutConsumerAsync(consumer);
        var (_, key, version) = await mesh.Admin.CreateApiKeyAsync(consumer);
        await mesh.SyncAsync(version);

        using var allowed = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path, ("origin", "https://app.example.test"), ("x-api-key", key));
        using var refused = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path, ("origin", "https://evil.example.test"), ("x-api-key", key));
        using var unauthenticated = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path, ("origin", "https://app.example.test"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://app.example.test", Header(allowed, "access-control-allow-origin"));
        Assert.Equal("x-backend", Header(allowed, "access-control-expose-headers"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null(Header(refused, "access-control-allow-origin"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("https://app.example.test", Header(unauthenticated, "access-control-allow-origin"));
    }

    private Task<(string Path, TestBackend Backend)> ExposeAsync() =>
        _routes.ExposeAsync(Names.Unique("cors"), $""" "auth": "apiKey", {Cors} """, methods: """["GET", "PUT"]""");

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string headers)
    {
        using var request = ProxyRequest.Create(
            HttpMethod.Options, path, headers: [("origin", origin), ("access-control-request-method", method), ("access-control-request-headers", headers)]);
        var response = await mesh.Proxies[1].Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
