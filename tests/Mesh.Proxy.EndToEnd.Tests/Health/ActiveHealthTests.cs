using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Health;

/// <summary>
/// Health as cluster-wide facts: one probe per endpoint (not per proxy) and outcomes merged from every
/// proxy. Each test turns off the mechanisms it does not test, so one cause explains what the client sees.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ActiveHealthTests(EdgeFixture edge)
{
    private const string NoOutliersNoCircuit =
        "\"outlierDetection\": { \"consecutiveFailures\": 1000 }, \"circuitBreaker\": { \"minimumThroughput\": 1000000 }, \"retry\": { \"attempts\": 0 }";

    [Fact]
    public async Task KilledBackend_IsMarkedUnhealthyByTheProbe_GetsNoTraffic_AndReturnsWhenBack()
    {
        await using var doomed = await TestBackend.StartAsync("doomed");
        await using var steady = await TestBackend.StartAsync("steady");
        var name = Names.Unique("probed");
        await edge.PutServiceAsync(name, $$"""
            { "loadBalancing": "roundRobin", "healthCheck": { "interval": "500ms", "timeout": "500ms", "unhealthyThreshold": 2, "healthyThreshold": 1 }, {{NoOutliersNoCircuit}} }
            """, doomed, steady);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");

        // A killed backend refuses at once; the timeout only has to spare the steady one two slow answers on a loaded box.
        await doomed.StopAsync();
        await WaitForHealthAsync(name, doomed.Name, "unhealthy");
        var whileDown = await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 10);
        var whileDownAtSecond = await Burst.GetAsync(edge.SecondProxy.Http, $"/{name}/x", 10);

        Assert.All(whileDown.Concat(whileDownAtSecond), s => Assert.Equal((HttpStatusCode.OK, steady.Name), (s.Status, s.Backend)));

        await doomed.StartAsync();
        await WaitForHealthAsync(name, doomed.Name, "healthy");
        var back = await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 10);

        Assert.Contains(back, s => s.Backend == doomed.Name);
    }

    [Fact]
    public async Task ProbesRunOncePerEndpoint_NotOncePerProxy()
    {
        await using var backend = await TestBackend.StartAsync("probed-once");
        var name = Names.Unique("once");
        await edge.PutServiceAsync(name, $$"""{ "healthCheck": { "interval": "200ms" }, {{NoOutliersNoCircuit}} }""", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        var first = backend.HealthChecks;
        var started = DateTime.UtcNow;

        await Eventually.HoldsAsync(() => Task.FromResult(backend.HealthChecks - first >= 10), "ten health checks");
        var perSecond = (backend.HealthChecks - first) / (DateTime.UtcNow - started).TotalSeconds;

        // One prober checks 5 times a second; one per proxy would be 10 or more. A loaded box only lowers the rate.
        Assert.InRange(perSecond, 1, 7.5);
    }

    private async Task WaitForHealthAsync(string service, string endpoint, string health)
    {
        var version = await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await edge.Admin.GetAsync($"/api/v1/services/{service}");
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                var match = body["endpoints"]!.AsArray().Any(e => (string?)e!["id"] == endpoint && (string?)e["health"] == health);
                return match ? response.SnapshotVersion() : 0;
            },
            v => v > 0,
            $"endpoint {endpoint} to be {health}");
        await edge.SyncAsync(version);
    }
}
