using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Health;

[Collection(EdgeCollection.Name)]
public sealed class OutlierEjectionTests(EdgeFixture edge)
{
    /// <summary>Probes that never conclude and a circuit that never opens: only outlier ejection acts.</summary>
    private const string OnlyOutliers = """
        { "loadBalancing": "roundRobin", "retry": { "attempts": 0 },
          "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 },
          "circuitBreaker": { "minimumThroughput": 1000000 },
          "outlierDetection": { "consecutiveFailures": 3, "baseEjection": "1m", "maxEjectionPercent": 50 } }
        """;

    [Fact]
    public async Task FailuresSeenByOneProxy_EjectTheEndpointForBoth_AndMaxEjectionPercentHolds()
    {
        await using var bad = await TestBackend.StartAsync("bad");
        await using var good = await TestBackend.StartAsync("good");
        var name = Names.Unique("outlier");
        await edge.PutServiceAsync(name, OnlyOutliers, bad, good);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        bad.FailWith(500);

        // Only the first proxy sees the failures.
        var version = await Eventually.ReturnsAsync(
            async () =>
            {
                await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 4);
                return await EjectedVersionAsync(name, bad.Name);
            },
            v => v > 0,
            "the failing endpoint to be ejected");
        await edge.SyncAsync(version);
        var before = bad.Received;
        var atSecond = await Burst.GetAsync(edge.SecondProxy.Http, $"/{name}/x", 20);

        Assert.All(atSecond, s => Assert.Equal((HttpStatusCode.OK, good.Name), (s.Status, s.Backend)));
        Assert.Equal(before, bad.Received);

        // The other endpoint fails too: ejecting it would take 100 % of the service out.
        good.FailWith(500);
        await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 12);
        await Burst.GetAsync(edge.SecondProxy.Http, $"/{name}/x", 12);
        var service = JsonNode.Parse(await edge.Admin.GetStringAsync($"/api/v1/services/{name}"))!;

        Assert.Equal(1, service["endpoints"]!.AsArray().Count(e => (string?)e!["health"] == "ejected"));
        Assert.NotNull(service["endpoints"]!.AsArray().Single(e => (string?)e!["id"] == bad.Name)!["ejectedUntil"]);
    }

    private async Task<long> EjectedVersionAsync(string service, string endpoint)
    {
        var response = await edge.Admin.GetAsync($"/api/v1/services/{service}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["endpoints"]!.AsArray().Any(e => (string?)e!["id"] == endpoint && (string?)e["health"] == "ejected") ? response.SnapshotVersion() : 0;
    }
}
