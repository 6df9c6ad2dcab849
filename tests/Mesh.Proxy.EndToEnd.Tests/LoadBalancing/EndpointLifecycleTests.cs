using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.LoadBalancing;

/// <summary>Only endpoints that are in the catalog and not draining get traffic.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EndpointLifecycleTests(EdgeFixture edge)
{
    [Fact]
    public async Task Endpoint_WhenDrained_ReceivesNoNewRequests()
    {
        await using var drained = await TestBackend.StartAsync("drained");
        await using var staying = await TestBackend.StartAsync("staying");
        var name = Names.Unique("drain");
        await edge.PutServiceAsync(name, """{ "loadBalancing": "roundRobin" }""", drained, staying);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");
        var before = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 10);

        await edge.SyncAsync(await edge.Admin.DrainEndpointAsync(name, drained.Name));
        var receivedAtDrain = drained.Received;
        var after = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 50, concurrency: 4);

        Assert.All(before.Concat(after), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.True(receivedAtDrain > 0, "the endpoint had no traffic before it was drained");
        Assert.Equal(receivedAtDrain, drained.Received);
        Assert.All(after, s => Assert.Equal(staying.Name, s.Backend));
    }

    [Fact]
    public async Task Endpoint_WhoseTtlLapses_LeavesTheCatalogAndGetsNoMoreTraffic()
    {
        await using var lasting = await TestBackend.StartAsync("lasting");
        await using var leased = await TestBackend.StartAsync("leased");
        var name = Names.Unique("ttl");
        await edge.PutServiceAsync(name, """{ "loadBalancing": "roundRobin" }""", lasting);
        await edge.Admin.PutEndpointAsync(name, leased, ttl: "2s");
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        // While its heartbeats come, the leased endpoint is in rotation.
        await edge.Admin.HeartbeatAsync(name, leased.Name);
        var whileAlive = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 10);
        var receivedWhileAlive = leased.Received;

        // No more heartbeats: it leaves the catalog, and the proxies apply that.
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await edge.Admin.GetAsync($"/api/v1/services/{name}/endpoints");
                return !(await response.ReadJsonAsync()).AsArray().Any(e => (string?)e?["id"] == leased.Name);
            },
            "the leased endpoint to expire from the catalog",
            TimeSpan.FromSeconds(15));
        await edge.SyncAsync(await edge.Admin.CatalogVersionAsync());
        var receivedAtExpiry = leased.Received;
        var afterExpiry = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 30, concurrency: 4);

        Assert.All(whileAlive.Concat(afterExpiry), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.True(receivedWhileAlive > 0, "the leased endpoint got no traffic while alive");
        Assert.Equal(receivedAtExpiry, leased.Received);
        Assert.All(afterExpiry, s => Assert.Equal(lasting.Name, s.Backend));
    }
}
