using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Admin;

/// <summary>The proxy's admin port: health, readiness, the applied config and Prometheus metrics.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AdminPortTests(EdgeFixture edge)
{
    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Metrics_NameRequestsAppliedVersionAndControlPlaneConnection()
    {
        await using var backend = await TestBackend.StartAsync("counted");
        var name = Names.Unique("metrics");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");
        await Burst.GetAsync(Proxy.Http, $"/{name}", 1);
        var before = PrometheusText.Samples(await Proxy.MetricsAsync(), "mesh_proxy_requests_total").Sum();

        await Burst.GetAsync(Proxy.Http, $"/{name}", 5);
        var applied = await Proxy.AppliedVersionAsync();

        // Counters may be exported a moment after the requests they count.
        var metrics = await Eventually.ReturnsAsync(
            Proxy.MetricsAsync,
            text => PrometheusText.Samples(text, "mesh_proxy_requests_total").Sum() >= before + 5,
            "mesh_proxy_requests_total to count 5 more requests");
        Assert.Equal([1.0], PrometheusText.Samples(metrics, "mesh_proxy_control_plane_connected"));
        Assert.Equal([(double)applied], PrometheusText.Samples(metrics, "mesh_proxy_applied_version"));
    }

    [Fact]
    public async Task AdminPort_AnswersHealthReadinessAndTheAppliedConfig()
    {
        var name = Names.Unique("admin");
        await edge.Admin.PutServiceAsync(name);
        var version = await edge.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");
        await Proxy.WaitForVersionAsync(version);

        using var health = await Proxy.Admin.GetAsync("/healthz");
        using var ready = await Proxy.Admin.GetAsync("/readyz");
        var config = await Proxy.ConfigAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True((long)config["version"]! >= version);
        var snapshot = Assert.IsType<JsonObject>(config["snapshot"]);
        Assert.Contains(name, snapshot.ToJsonString(), StringComparison.Ordinal);
    }
}
