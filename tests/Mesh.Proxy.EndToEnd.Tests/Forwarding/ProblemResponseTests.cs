using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Forwarding;

/// <summary>When the proxy cannot forward, it answers itself: problem details, its own id, no internals.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ProblemResponseTests(EdgeFixture edge)
{
    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Request_MatchingNoRoute_Answers404Problem()
    {
        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{Names.Unique("nowhere")}/x?y=1"));

        await ProxyAssert.ProblemAsync(response, HttpStatusCode.NotFound, Proxy);
    }

    [Fact]
    public async Task Route_WhoseServiceHasNoEndpoint_Answers503Problem()
    {
        var name = Names.Unique("empty");
        await edge.Admin.PutServiceAsync(name);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));

        await ProxyAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, Proxy);
    }

    [Fact]
    public async Task Route_WhoseOnlyEndpointIsDrained_Answers503Problem()
    {
        await using var backend = await TestBackend.StartAsync("drained");
        var name = Names.Unique("all-drained");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.Admin.DrainEndpointAsync(name, backend.Name);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));

        await ProxyAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, Proxy);
        Assert.Equal(0, backend.Received);
    }

    [Fact]
    public async Task Route_WhoseEndpointRefusesConnections_Answers502Problem()
    {
        var name = Names.Unique("refused");
        await edge.Admin.PutServiceAsync(name, """{ "retry": { "attempts": 0 } }""");
        await edge.Admin.PutEndpointAsync(name, "nothing-listens", $"http://127.0.0.1:{FreePort.Next()}");
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));

        await ProxyAssert.ProblemAsync(response, HttpStatusCode.BadGateway, Proxy);
    }

    [Fact]
    public async Task Response_FromABackend_CarriesTheProxyIdAndTheBackendStatus()
    {
        await using var backend = await TestBackend.StartAsync("teapot");
        backend.FailWith(418);
        var name = Names.Unique("passthrough");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        using var fromFirst = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        using var fromSecond = await edge.SecondProxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));

        Assert.Equal((HttpStatusCode)418, fromFirst.StatusCode);
        Assert.Equal(backend.Name, ProxyAssert.Header(fromFirst, TestBackend.NameHeader));
        Assert.Equal(Proxy.Id, ProxyAssert.Header(fromFirst, ProxyProcess.ProxyHeader));
        Assert.Equal(edge.SecondProxy.Id, ProxyAssert.Header(fromSecond, ProxyProcess.ProxyHeader));
    }
}
