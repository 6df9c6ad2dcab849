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
