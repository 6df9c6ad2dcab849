using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Resilience;

/// <summary>Per-attempt timeouts: the route's overrides the service's; a timed-out upstream is a 504 from the proxy.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TimeoutTests(EdgeFixture edge)
{
    /// <summary>No retries: each test is about one attempt's clock.</summary>
    private const string NoRetries = """ "retry": { "attempts": 0 } """;

    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Route_WithATimeout_Answers504WhenTheBackendHangs()
    {
        await using var backend = await TestBackend.StartAsync("hanging");
        backend.Hang();
        var name = Names.Unique("timeout-route");
        await edge.PutServiceAsync(name, $$"""{ "timeout": "30s", {{NoRetries}} }""", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ], "timeout": "500ms" }""");

        var clock = Stopwatch.StartNew();
        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(Proxy.Id, ProxyAssert.Header(response, ProxyProcess.ProxyHeader));
        ProxyAssert.NoStackTrace(await response.Content.ReadAsStringAsync());
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(5));
        Assert.Equal(1, backend.Received);
    }

    [Fact]
    public async Task Service_WithATimeout_Answers504WhenNoRouteTimeoutOverridesIt()
    {
        await using var backend = await TestBackend.StartAsync("hanging");
        backend.Hang();
        var name = Names.Unique("timeout-service");
        await edge.PutServiceAsync(name, $$"""{ "timeout": "500ms", {{NoRetries}} }""", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        var clock = Stopwatch.StartNew();
        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(Proxy.Id, ProxyAssert.Header(response, ProxyProcess.ProxyHeader));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Route_WithALongerTimeout_LetsASlowBackendAnswerPastTheServiceTimeout()
    {
        await using var backend = await TestBackend.StartAsync("slow");
        backend.Delay(TimeSpan.FromMilliseconds(1500));
        var name = Names.Unique("timeout-longer");
        await edge.PutServiceAsync(name, $$"""{ "timeout": "500ms", {{NoRetries}} }""", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ], "timeout": "10s" }""");

        var clock = Stopwatch.StartNew();
        using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        clock.Stop();

        await ProxyAssert.ServedByAsync(response, backend, Proxy);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1450), $"answered after {clock.Elapsed}");
    }
}
