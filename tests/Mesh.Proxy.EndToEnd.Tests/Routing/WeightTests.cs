using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Routing;

/// <summary>Weighted backends split traffic between services as the route says.</summary>
[Collection(EdgeCollection.Name)]
public sealed class WeightTests(EdgeFixture edge)
{
    private const int Requests = 10_000;

    [Fact]
    public async Task Route_WithA90To10Split_SendsEachServiceItsShareWithinTwoPoints()
    {
        await using var stable = await TestBackend.StartAsync("stable");
        await using var canary = await TestBackend.StartAsync("canary");
        var name = Names.Unique("weights");
        await edge.PutServiceAsync($"{name}-stable", "{}", stable);
        await edge.PutServiceAsync($"{name}-canary", "{}", canary);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" },
              "backends": [ { "service": "{{name}}-stable", "weight": 90 }, { "service": "{{name}}-canary", "weight": 10 } ] }
            """);

        var served = await Burst.SendAsync(edge.Proxy.Http, Requests, concurrency: 16, i => ProxyRequest.Get($"/{name}/{i}"));

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        var stableShare = 100.0 * served.Count(s => s.Backend == stable.Name) / Requests;
        var canaryShare = 100.0 * served.Count(s => s.Backend == canary.Name) / Requests;
        Assert.InRange(stableShare, 88.0, 92.0);
        Assert.InRange(canaryShare, 8.0, 12.0);
        Assert.Equal(Requests, stable.Received + canary.Received);
    }
}
