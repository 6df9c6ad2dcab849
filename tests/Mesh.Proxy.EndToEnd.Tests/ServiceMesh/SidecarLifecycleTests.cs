using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>A sidecar's life as an endpoint: it registers itself, reports its app's health, drains and leaves.</summary>
[Collection(MeshCollection.Name)]
public sealed class SidecarLifecycleTests(MeshFixture mesh)
{
    [Fact]
    public async Task Sidecar_RegistersItsInboundAddressAsAnEndpointOfItsService()
    {
        // The fixture is ready once calls go through, which an endpoint of unknown health already takes; its
        // sidecar's first health report may come a moment later.
        await mesh.Admin.WaitForEndpointHealthAsync("inventory", "inventory-1", "healthy");
        var endpoint = await mesh.Admin.EndpointAsync("inventory", "inventory-1");

        Assert.NotNull(endpoint);
        Assert.Equal(mesh.InventorySidecar.InboundAddress, (string?)endpoint["address"]);
        Assert.Equal("inventory-1", (string?)endpoint["metadata"]!["mesh.sidecar"]);
        Assert.Equal("healthy", (string?)endpoint["health"]);
        Assert.NotNull((string?)endpoint["ttl"]);
    }

    [Fact]
    public async Task AppThatStopsAnswering_IsReportedUnhealthyByItsSidecar_AndHealthyAgainWhenBack()
    {
        var service = Names.Unique("flaky");
        await mesh.Admin.PutServiceAsync(service, """{ "healthCheck": { "path": "/healthz", "interval": "1s", "unhealthyThreshold": 1 } }""");
        await using var app = await TestBackend.StartAsync(service);
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, service, app.Address, id: service + "-1");
        await sidecar.WaitUntilReadyAsync();
        await mesh.Admin.WaitForEndpointHealthAsync(service, service + "-1", "healthy");

        app.FailWith(500);
        await mesh.Admin.WaitForEndpointHealthAsync(service, service + "-1", "unhealthy");

        app.Healthy();
        await mesh.Admin.WaitForEndpointHealthAsync(service, service + "-1", "healthy");
    }

    [Fact]
    public async Task Sidecar_OfAServiceWithChecksOff_KeepsItsRegistrationAlive_WithoutProbingAnAppThatHasNoHealthPath()
    {
        var service = Names.Unique("unchecked");
        var id = service + "-1";
        await mesh.Admin.PutServiceAsync(service, """{ "healthCheck": { "enabled": false } }""");
        await using var app = await TestBackend.StartAsync(service);
        app.HealthAnswers(404);
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, service, app.Address, id: id, extraArguments: ["--Mesh:Sidecar:EndpointTtl=1s"]);
        await sidecar.WaitUntilReadyAsync();
        var registered = await Eventually.ReturnsAsync(() => mesh.Admin.EndpointAsync(service, id), e => e is not null, $"{id} to register");

        var later = await Eventually.ReturnsAsync(
            () => mesh.Admin.EndpointAsync(service, id),
            e => e is not null && (DateTimeOffset)e["lastHeartbeat"]! > (DateTimeOffset)registered!["lastHeartbeat"]! + TimeSpan.FromSeconds(3),
            $"{id} to heartbeat for three times its TTL");
        var served = await Eventually.ReturnsAsync(
            async () => (await mesh.OrdersSidecar.Http.GetAsync($"/{service}/x")).StatusCode,
            status => status == System.Net.HttpStatusCode.OK,
            $"orders' sidecar to reach {service}");

        Assert.Equal("unknown", (string?)later!["health"]);
        Assert.Null(later["lastProbe"]);
        Assert.Equal(0, app.HealthChecks);
    }

    [Fact]
    public async Task GracefulStop_DrainsFirstThenLeavesTheCatalog_WithoutFailingRequestsToTheOtherInstance()
    {
        var id = "inventory-2";
        await using var second = SampleProcess.StartInventory(id);
        // A drain long enough for a loaded machine's poll to see it before the sidecar leaves.
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, "inventory", second.Address, id: id, extraArguments: ["--Mesh:Sidecar:DrainTime=5s"]);
        await Task.WhenAll(second.WaitUntilReadyAsync(), sidecar.WaitUntilReadyAsync());
        await mesh.Admin.WaitForEndpointHealthAsync("inventory", id, "healthy");
        await using var traffic = SteadyTraffic.Start(mesh.Edge.Http, "/orders/11", workers: 2);

        var stopping = sidecar.StopAsync();
        await mesh.Admin.WaitForEndpointHealthAsync("inventory", id, "draining");
        await stopping;
        await Eventually.HoldsAsync(async () => await mesh.Admin.EndpointAsync("inventory", id) is null, $"{id} to leave the catalog", TimeSpan.FromSeconds(15));
        await traffic.StopAsync();

        Assert.Equal(0, sidecar.Process.ExitCode);
        Assert.Empty(traffic.Failures);
    }

    [Fact]
    public async Task SidecarWithoutAService_ExitsWithOneLineNamingTheKey()
    {
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, service: string.Empty, app: "http://127.0.0.1:1", id: "nameless-1");

        var exitCode = await sidecar.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains("Mesh:Sidecar:Service is required", sidecar.Process.Output, StringComparison.Ordinal);
    }
}
