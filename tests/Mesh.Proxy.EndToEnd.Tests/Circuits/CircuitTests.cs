using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Circuits;

/// <summary>One circuit per service for the whole mesh: tripped through one proxy, it sheds at every proxy.</summary>
[Collection(EdgeCollection.Name)]
public sealed class CircuitTests(EdgeFixture edge)
{
    private const int HalfOpenProbes = 3;

    private static string Spec => $$"""
        { "retry": { "attempts": 0 }, "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 },
          "outlierDetection": { "consecutiveFailures": 1000 },
          "circuitBreaker": { "failureRatio": 0.5, "minimumThroughput": 10, "window": "10s", "breakDuration": "2s", "halfOpenProbes": {{HalfOpenProbes}} } }
        """;

    [Fact]
    public async Task FailuresThroughOneProxy_OpenTheCircuitAtTheOther_HalfOpenAdmitsExactlyTheProbes_AndRecoveryClosesIt()
    {
        await using var backend = await TestBackend.StartAsync("breaker");
        var name = Names.Unique("circuit");
        await edge.PutServiceAsync(name, Spec, backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        backend.FailWith(500);

        await Eventually.HoldsAsync(
            async () => (await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 5)).Any(IsShed),
            "the circuit to open at the proxy that saw the failures");
        var shedAtSecond = await Eventually.ReturnsAsync(
            () => SendAsync(edge.SecondProxy.Http, $"/{name}/x"),
            IsShedResponse,
            "the circuit to open at the other proxy");

        Assert.NotNull(shedAtSecond.Headers.RetryAfter);
        var received = backend.Received;
        var whileOpen = (await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 10)).Concat(await Burst.GetAsync(edge.SecondProxy.Http, $"/{name}/x", 10));
        Assert.All(whileOpen, s => Assert.True(IsShed(s), $"expected a shed request, got {s}"));
        Assert.Equal(received, backend.Received);

        // Slow successes keep the three probes in flight while every other request of the burst is decided.
        backend.Delay(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(async () => await CircuitStateAsync(name) == "halfOpen", "the circuit to go half-open");
        var beforeProbes = backend.Received;
        var burst = await Task.WhenAll(
            Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 10, concurrency: 10),
            Burst.GetAsync(edge.SecondProxy.Http, $"/{name}/x", 10, concurrency: 10));
        var served = burst.SelectMany(b => b).ToList();

        Assert.Equal(HalfOpenProbes, served.Count(s => s.Status == HttpStatusCode.OK));
        Assert.Equal(HalfOpenProbes, backend.Received - beforeProbes);
        Assert.All(served.Where(s => s.Status != HttpStatusCode.OK), s => Assert.True(IsShed(s), $"expected a shed request, got {s}"));

        backend.Healthy();
        await Eventually.HoldsAsync(async () => await CircuitStateAsync(name) == "closed", "the circuit to close");
        await Eventually.HoldsAsync(
            async () => (await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 3)).All(s => s.Status == HttpStatusCode.OK)
                && (await Burst.GetAsync(edge.SecondProxy.Http, $"/{name}/x", 3)).All(s => s.Status == HttpStatusCode.OK),
            "both proxies to serve again");
    }

    [Fact]
    public async Task Reset_ClosesAnOpenCircuitByHand()
    {
        await using var backend = await TestBackend.StartAsync("reset");
        var name = Names.Unique("reset");
        await edge.PutServiceAsync(name, Spec.Replace("\"2s\"", "\"1h\"", StringComparison.Ordinal), backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        backend.FailWith(500);
        await Eventually.HoldsAsync(async () => (await Burst.GetAsync(edge.Proxy.Http, $"/{name}/x", 5)).Any(IsShed), "the circuit to open");
        backend.Healthy();

        var reset = JsonNode.Parse(await (await edge.Admin.PostAsync($"/api/v1/circuits/{name}/reset", null)).Content.ReadAsStringAsync())!;

        Assert.Equal("closed", (string?)reset["state"]);
        await Eventually.HoldsAsync(async () => (await SendAsync(edge.SecondProxy.Http, $"/{name}/x")).StatusCode == HttpStatusCode.OK, "traffic after the reset");
    }

    private static bool IsShed(Served served) => served.Status == HttpStatusCode.ServiceUnavailable && served.Body.Contains("Circuit open", StringComparison.Ordinal);

    private static bool IsShedResponse(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.TryGetValues("x-mesh-circuit", out var values) && values.Single() == "open";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<string?> CircuitStateAsync(string service) =>
        (string?)JsonNode.Parse(await edge.Admin.GetStringAsync($"/api/v1/circuits/{service}"))!["state"];
}
