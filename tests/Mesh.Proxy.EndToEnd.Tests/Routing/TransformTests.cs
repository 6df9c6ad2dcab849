using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Routing;

/// <summary>Route transforms, asserted on what the backend received and on what the client got back.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TransformTests(EdgeFixture edge)
{
    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Route_WithPathTransforms_RewritesThePathTheBackendSees()
    {
        await using var backend = await TestBackend.StartAsync("paths");
        var name = Names.Unique("tx-path");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "transforms": [ { "pathRemovePrefix": "/{{name}}" }, { "pathPrefix": "/v2" } ] }
            """);

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/items/7?q=1"));

        var echo = await ProxyAssert.ServedByAsync(response, backend, Proxy);
        Assert.Equal("/v2/items/7", (string?)echo["path"]);
        Assert.Equal("?q=1", (string?)echo["query"]);
        var received = Assert.Single(backend.Requests);
        Assert.Equal("/v2/items/7", received.Path);
        Assert.Equal("?q=1", received.Query);
    }

    [Fact]
    public async Task Route_WithAPathPatternAndQueryTransforms_BuildsThePathFromRouteValues_AndSetsAndRemovesParameters()
    {
        await using var backend = await TestBackend.StartAsync("patterns");
        var name = Names.Unique("tx-pattern");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{id}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "transforms": [ { "pathPattern": "/api/v2/items/{id}/{**rest}" }, { "queryParameter": "v", "set": "2" },
                              { "queryParameter": "debug", "remove": true } ] }
            """);

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/42/details/full?debug=1&keep=yes&v=1"));

        await ProxyAssert.ServedByAsync(response, backend, Proxy);
        var received = Assert.Single(backend.Requests);
        Assert.Equal("/api/v2/items/42/details/full", received.Path);
        var query = System.Web.HttpUtility.ParseQueryString(received.Query);
        Assert.Equal("2", query["v"]);
        Assert.Equal("yes", query["keep"]);
        Assert.Null(query["debug"]);
    }

    [Fact]
    public async Task APathPatternNamingAValueTheRouteDoesNotCapture_Is400NamingTheTransform_AndStoresNothing()
    {
        var name = Names.Unique("tx-bad");
        await edge.Admin.PutServiceAsync(name);

        using var refused = await edge.Admin.PutJsonAsync($"/api/v1/routes/{name}", $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "transforms": [ { "pathPattern": "/api/{version}/{**rest}" } ] }
            """);
        using var missing = await edge.Admin.GetAsync($"/api/v1/routes/{name}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["transforms[0].pathPattern"], await refused.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Route_WithRequestHeaderTransforms_SetsAndRemovesHeadersBeforeTheBackend()
    {
        await using var backend = await TestBackend.StartAsync("headers");
        var name = Names.Unique("tx-req");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ],
              "transforms": [ { "requestHeader": "x-from", "set": "edge" }, { "requestHeader": "x-drop", "remove": true } ] }
            """);

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}", headers: [("x-from", "client"), ("x-drop", "secret"), ("x-keep", "1")]));

        await ProxyAssert.ServedByAsync(response, backend, Proxy);
        var received = Assert.Single(backend.Requests);
        Assert.Equal("edge", received.Header("x-from"));
        Assert.Null(received.Header("x-drop"));
        Assert.Equal("1", received.Header("x-keep"));
        Assert.Equal($"/{name}", received.Path);
    }

    [Fact]
    public async Task Route_WithResponseHeaderTransforms_SetsAndRemovesHeadersBeforeTheClient()
    {
        await using var backend = await TestBackend.StartAsync("responses");
        var name = Names.Unique("tx-resp");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ],
              "transforms": [ { "responseHeader": "x-resp", "set": "1" }, { "responseHeader": "x-backend", "remove": true } ] }
            """);

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));

        var served = await Served.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(backend.Name, served.BodyBackend);
        Assert.Equal("1", ProxyAssert.Header(response, "x-resp"));
        Assert.Null(ProxyAssert.Header(response, TestBackend.NameHeader));
        Assert.Equal(Proxy.Id, served.Proxy);
        Assert.Equal(1, backend.Received);
    }
}
