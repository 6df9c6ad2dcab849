using System.Net;
using Mesh.Deploy.Tests.Harness;
using Mesh.Testing;
using Xunit.Abstractions;

namespace Mesh.Deploy.Tests.Failover;

/// <summary>Static stability: with every silo gone the edge serves from its last snapshot, and follows the first silo back.</summary>
public sealed class ControlPlaneOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EverySiloStopped_EdgeKeepsServing_ThenConvergesToAChangeMadeThroughTheFirstSiloBack()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var orders = await Backend.StartAsync("orders");
        await using var payments = await Backend.StartAsync("payments");
        long configured;
        await using (var silo1 = SiloProcess.Start(database.ConnectionString))
        await using (var silo2 = SiloProcess.Start(database.ConnectionString))
        {
            await Task.WhenAll(silo1.WaitUntilReadyAsync(), silo2.WaitUntilReadyAsync());
            configured = await AdminWrites.ConfigureServiceAndRouteAsync(silo1.Http, "orders", orders);
            await using var edge = EdgeProcess.Start(database.ConnectionString);
            await edge.WaitForVersionAsync(configured);
            await using var traffic = EdgeTraffic.Start(new Uri(edge.Http.BaseAddress!, "/orders/list"));
            await traffic.WaitForMoreSuccessesAsync(20);

            await Task.WhenAll(silo1.Process.StopAsync(), silo2.Process.StopAsync());
            await traffic.WaitForMoreSuccessesAsync(100);
            var duringOutage = traffic.Describe();

            await using var silo3 = SiloProcess.Start(database.ConnectionString);
            await silo3.WaitUntilReadyAsync();
            var back = System.Diagnostics.Stopwatch.StartNew();
            var changed = await AdminWrites.ConfigureServiceAndRouteAsync(silo3.Http, "payments", payments);
            await edge.WaitForVersionAsync(changed, TimeSpan.FromSeconds(60));
            output.WriteLine($"edge applied the change {back.Elapsed.TotalSeconds:F1}s after the first silo was back; during the outage: {duringOutage}; in all: {traffic.Describe()}");
            var payment = await edge.Http.GetAsync("/payments/42");

            Assert.True(traffic.Failed == 0, $"edge traffic: {traffic.Describe()}");
            Assert.Equal(HttpStatusCode.OK, payment.StatusCode);
            Assert.Equal("payments /payments/42", await payment.Content.ReadAsStringAsync());
        }
    }
}
