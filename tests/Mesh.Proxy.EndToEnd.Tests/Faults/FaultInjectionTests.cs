using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Faults;

/// <summary>
/// Route faults (admin-api.md, "Route additions"): aborts and delays injected by the edge, marked on the response,
/// limited to requests that carry the chosen header, and never counted against the service.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class FaultInjectionTests(EdgeFixture edge)
{
    private const string FaultHeader = "x-mesh-fault";

    [Fact]
    public async Task AnAbortAt100Percent_OnlyWithTheHeader_AnswersThoseRequests_AndLetsTheOthersThrough_WithoutTouchingTheCircuit()
    {
        await using var backend = await TestBackend.StartAsync("faulted");
        var name = Names.Unique("fault-abort");
        await edge.PutServiceAsync(name, """{ "circuitBreaker": { "failureRatio": 0.5, "minimumThroughput": 5, "window": "10s", "breakDuration": "30s" } }""", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "fault": { "abort": { "percent": 100, "status": 503 }, "onlyWithHeader": "x-chaos" } }
            """);

        var aborted = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            aborted.Add(await edge.Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/x", headers: ("x-chaos", "1"))));
        }

        using var passed = await edge.Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/x"));
        using var circuit = await edge.Admin.GetAsync($"/api/v1/circuits/{name}");

        Assert.All(aborted, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("abort", ProxyAssert.Header(response, FaultHeader));
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Null(ProxyAssert.Header(passed, FaultHeader));
        Assert.Equal(1, backend.Received);
        Assert.Equal("closed", (string?)(await circuit.ReadJsonAsync())["state"]);
        await Eventually.HoldsAsync(
            async () => PrometheusText.HasSample(await edge.Proxy.MetricsAsync(), "mesh_proxy_faults_injected_total", 20, ("route", name), ("kind", "abort")),
            "the 20 aborts to be counted");
        aborted.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ADelayAt100Percent_HoldsTheRequest_ThenForwardsIt_MarkedAsDelayed()
    {
        await using var backend = await TestBackend.StartAsync("delayed");
        var name = Names.Unique("fault-delay");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "fault": { "delay": { "percent": 100, "duration": "400ms" } } }
            """);

        var clock = Stopwatch.StartNew();
        using var response = await edge.Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/x"));
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delay", ProxyAssert.Header(response, FaultHeader));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"answered after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1, backend.Received);
    }

    [Fact]
    public async Task AFaultWithABadStatusOrPercent_Is400NamingTheFields()
    {
        var name = Names.Unique("fault-bad");
        await edge.Admin.PutServiceAsync(name);

        var fields = await edge.Admin.PutRefusedFieldsAsync($"/api/v1/routes/{name}", $$"""
            { "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ],
              "fault": { "abort": { "percent": 150, "status": 200 }, "delay": { "percent": 5 } } }
            """);

        Assert.Equal(["fault.abort.percent", "fault.abort.status", "fault.delay.duration"], fields);
    }
}
