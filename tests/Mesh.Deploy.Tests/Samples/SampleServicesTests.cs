using System.Net;
using Grpc.Core;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Samples;

/// <summary>
/// The sample applications on their own, without sidecars: a <see cref="TestBackend"/> plays orders' outbound
/// listener and answers with what it received, so the tests see which path orders asked for.
/// </summary>
public sealed class SampleServicesTests
{
    private const string CallerHeader = "x-mesh-caller";
    private const string OrdersIdentity = "spiffe://mesh.local/service/orders";
    private const string EdgeIdentity = "spiffe://mesh.local/service/edge";

    [Fact]
    public async Task Inventory_AnswersTheSameStockOnEveryInstance_WithTheCallerAndItsOwnName()
    {
        await using var first = SampleProcess.StartInventory("inventory-1");
        await using var second = SampleProcess.StartInventory("inventory-2");
        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/stock/sku-42") { Headers = { { CallerHeader, OrdersIdentity } } };
        using var called = await first.Http.SendAsync(request);
        var stock = await called.ReadJsonAsync();
        using var direct = await second.Http.GetAsync("/stock/sku-42");
        var other = await direct.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        Assert.Equal("sku-42", (string?)stock["sku"]);
        Assert.Equal(OrdersIdentity, (string?)stock["caller"]);
        Assert.Equal("inventory-1", (string?)stock["instance"]);
        Assert.Equal((int)stock["available"]!, (int)other["available"]!);
        Assert.Null(other["caller"]);
        Assert.Equal("inventory-2", (string?)other["instance"]);
    }

    [Fact]
    public async Task Orders_AsksInventoryThroughTheOutboundListener_AndAnswersWithItsStock()
    {
        await using var outbound = await TestBackend.StartAsync("outbound");
        await using var orders = SampleProcess.StartOrders(outbound.Port);
        await orders.WaitUntilReadyAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/42") { Headers = { { CallerHeader, EdgeIdentity } } };
        using var response = await orders.Http.SendAsync(request);
        var order = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("42", (string?)order["order"]);
        Assert.Equal(EdgeIdentity, (string?)order["caller"]);
        Assert.Equal("outbound", (string?)order["inventory"]?["backend"]);
        Assert.Equal("/inventory/stock/sku-42", (string?)order["inventory"]?["path"]);
    }

    [Fact]
    public async Task Orders_WhenInventoryRefuses_Answers502NamingItsStatus_WithItsBody()
    {
        await using var outbound = await TestBackend.StartAsync("outbound");
        outbound.FailWith(403);
        await using var orders = SampleProcess.StartOrders(outbound.Port);
        await orders.WaitUntilReadyAsync();

        using var response = await orders.Http.GetAsync("/orders/42");
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inventory answered 403", (string?)problem["detail"]);
        Assert.Contains("/inventory/stock/sku-42", (string?)problem["inventoryBody"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_WhenNothingListensOnTheOutboundPort_Answers502()
    {
        await using var orders = SampleProcess.StartOrders(FreePort.Next());
        await orders.WaitUntilReadyAsync();

        using var response = await orders.Http.GetAsync("/orders/42");
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith("inventory could not be reached", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greeter_AnswersUnaryAndStreamedGreetingsWithTheCaller_ServesGrpcHealth_AndRefusesABadCount()
    {
        await using var greeter = SampleProcess.StartGreeter("greeter-1");
        await greeter.WaitUntilReadyAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(greeter.Address);
        var client = new Mesh.Samples.Greeter.V1.Greeter.GreeterClient(channel);
        var caller = new Metadata { { CallerHeader, EdgeIdentity } };

        var hello = await client.SayHelloAsync(new() { Name = "ada" }, caller);
        using var stream = client.StreamGreetings(new() { Name = "ada", Count = 2 });
        var streamed = await stream.ResponseStream.ReadAllAsync().Select(r => r.Message).ToListAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var tooMany = client.StreamGreetings(new() { Count = 101 });
            await tooMany.ResponseStream.MoveNext(CancellationToken.None);
        });
        var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new());

        Assert.Equal("Hello, ada!", hello.Message);
        Assert.Equal("greeter-1", hello.Instance);
        Assert.Equal(EdgeIdentity, hello.Caller);
        Assert.Equal(["Hello #1, ada!", "Hello #2, ada!"], streamed);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
