using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

[Collection(MeshCollection.Name)]
public sealed class MeshCallTests(MeshFixture mesh)
{
    private const string Edge = "spiffe://mesh.local/service/edge";
    private const string Orders = "spiffe://mesh.local/service/orders";

    [Fact]
    public async Task EdgeToOrdersToInventory_Succeeds_WithTheCallerIdentityCheckedAtEachHop()
    {
        using var response = await mesh.Edge.Http.GetAsync("/orders/42");

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(Edge, (string?)body["caller"]);
        Assert.Equal(Orders, (string?)body["inventory"]!["caller"]);
        Assert.Equal("inventory-1", (string?)body["inventory"]!["instance"]);
    }

    [Fact]
    public async Task EdgeToOrdersToInventory_IsTwoCallsInTheMeshsCallGraph_CountedByTheCalledSidecars()
    {
        const int Calls = 5;
        var before = await CallCountsAsync();

        for (var i = 0; i < Calls; i++)
        {
            using var response = await mesh.Edge.Http.GetAsync($"/orders/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Eventually.HoldsAsync(
            async () => await CallCountsAsync() is var now && now.EdgeToOrders >= before.EdgeToOrders + Calls && now.OrdersToInventory >= before.OrdersToInventory + Calls,
            "the called sidecars to report edge → orders and orders → inventory");
    }

        [Fact]
    public async Task AnInboundCall_IsLoggedByTheCalledSidecar_WithItsServiceAndTheAppsStatus()
    {
        var order = Random.Shared.Next(100_000, 999_999);

        using var response = await mesh.Edge.Http.GetAsync($"/orders/{order}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await Eventually.ReturnsAsync(
            () => Task.FromResult(AccessLogFile.Lines(mesh.InventoryAccessLog).LastOrDefault(l => ((string?)l["path"])?.StartsWith("/stock/", StringComparison.Ordinal) == true)),
            l => l is not null,
            "the inventory sidecar to log the call");
        Assert.Equal("inventory", (string?)line!["service"]);
        Assert.Equal(200, (int?)line["upstreamStatus"]);
        Assert.Equal(200, (int?)line["status"]);
        Assert.Equal("inventory-1", (string?)line["proxy"]);
        Assert.True((long?)line["bytesOut"] > 0, line.ToJsonString());
    }

    [Fact]
    public async Task CallerHeaderSentByAClient_IsReplacedByTheVerifiedIdentity()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/7");
        request.Headers.Add("x-mesh-caller", "spiffe://mesh.local/service/admin");

        using var response = await mesh.Edge.Http.SendAsync(request);

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(Edge, (string?)body["caller"]);
    }

    [Fact]
    public async Task CallerHeaderSentByAClient_NeverReachesABackendOutsideTheMesh()
    {
        await using var backend = await TestBackend.StartAsync("outside");
        var name = Names.Unique("outside");
        await mesh.Admin.PutServiceAsync(name);
        await mesh.Admin.PutEndpointAsync(name, backend);
        await mesh.Edge.WaitForVersionAsync(await mesh.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }"""));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + name);
        request.Headers.Add("x-mesh-caller", "spiffe://mesh.local/service/admin");

        using var response = await mesh.Edge.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(backend.Requests).Header("x-mesh-caller"));
    }

    [Fact]
    public async Task PolicyAllowingOnlyOrders_RefusesTheEdgeCallingInventoryDirectly_NamingTheRule()
    {
        using var response = await mesh.Edge.Http.GetAsync("/direct/stock/1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("no rule allows caller 'edge'", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppCallingAServiceByHostHeader_IsRoutedThroughTheMesh()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/stock/abc");
        request.Headers.Host = "inventory";

        using var response = await mesh.OrdersSidecar.Http.SendAsync(request);

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(("abc", Orders), ((string?)body["sku"], (string?)body["caller"]));
    }

    [Fact]
    public async Task PolicyRuleForMethodsAndPaths_DeniesWhatItDoesNotList()
    {
        using var post = await mesh.OrdersSidecar.Http.PostAsync("/inventory/stock/1", new StringContent("{}"));
        using var otherPath = await mesh.OrdersSidecar.Http.GetAsync("/inventory/healthz");

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("allows method POST", (string?)(await post.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherPath.StatusCode);
        Assert.Contains("allows path /healthz", (string?)(await otherPath.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownServiceOnTheOutboundListener_Answers404()
    {
        using var response = await mesh.OrdersSidecar.Http.GetAsync("/nowhere/at/all");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(long EdgeToOrders, long OrdersToInventory)> CallCountsAsync()
    {
        var rows = (await mesh.Admin.GetOkJsonAsync("/api/v1/analytics?groupBy=call&window=10m")).AsArray();
        long Count(string from, string to) => rows.Where(r => (string?)r!["from"] == from && (string?)r["to"] == to).Sum(r => r!["requests"]!.GetValue<long>());
        return (Count("edge", "orders"), Count("orders", "inventory"));
    }
}
