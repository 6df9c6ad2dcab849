using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.LoadBalancing;

/// <summary>The service's <c>loadBalancing</c> policy decides which endpoint gets each request.</summary>
[Collection(EdgeCollection.Name)]
public sealed class LoadBalancingTests(EdgeFixture edge)
{
    [Fact]
    public async Task Service_WithRoundRobin_TakesEndpointsInTurn()
    {
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        await using var third = await TestBackend.StartAsync("third");
        var name = Names.Unique("lb-rr");
        await edge.PutServiceAsync(name, """{ "loadBalancing": "roundRobin" }""", first, second, third);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        var served = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 30);

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal([10, 10, 10], new[] { first.Received, second.Received, third.Received });

        // In turn: no endpoint serves twice before every other one served once.
        Assert.All(served.Chunk(3), turn => Assert.Equal(3, turn.Select(s => s.Backend).Distinct().Count()));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("powerOfTwoChoices")]
    public async Task Service_WithARandomizedPolicy_SpreadsTrafficOverEveryEndpoint(string policy)
    {
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        var name = Names.Unique("lb-" + policy.ToLowerInvariant());
        await edge.PutServiceAsync(name, $$"""{ "loadBalancing": "{{policy}}" }""", first, second);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        var served = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 200, concurrency: 4);

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.InRange(first.Received, 40, 160);
        Assert.InRange(second.Received, 40, 160);
    }

    [Fact]
    public async Task EndpointWeights_SplitTrafficInProportion()
    {
        await using var heavy = await TestBackend.StartAsync("heavy");
        await using var light = await TestBackend.StartAsync("light");
        var name = Names.Unique("lb-weight");
        await edge.Admin.PutServiceAsync(name, """{ "loadBalancing": "roundRobin" }""");
        await edge.Admin.PutJsonAsync($"/api/v1/services/{name}/endpoints/heavy", $$"""{ "address": "{{heavy.Address}}", "weight": 3 }""");
        await edge.Admin.PutJsonAsync($"/api/v1/services/{name}/endpoints/light", $$"""{ "address": "{{light.Address}}", "weight": 1 }""");
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        var served = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 80);

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal((60, 20), (served.Count(s => s.Backend == heavy.Name), served.Count(s => s.Backend == light.Name)));
    }

    [Fact]
    public async Task Service_WithLeastRequests_AvoidsTheEndpointThatIsStillBusy()
    {
        await using var fast = await TestBackend.StartAsync("fast");
        await using var slow = await TestBackend.StartAsync("slow");
        slow.Delay(TimeSpan.FromSeconds(1));
        var name = Names.Unique("lb-least");
        await edge.PutServiceAsync(name, """{ "loadBalancing": "leastRequests" }""", fast, slow);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        var served = await Burst.GetAsync(edge.Proxy.Http, $"/{name}", 200, concurrency: 4);

        // Round robin would give the slow endpoint 100 of these; least requests only what arrives while it is idle or tied.
        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.True(slow.Received < 20, $"the busy endpoint got {slow.Received} of 200 requests");
        Assert.Equal(200, fast.Received + slow.Received);
    }
}
