using System.Net;
using Mesh.Deploy.Tests.Harness;
using Mesh.Testing;
using Xunit.Abstractions;

namespace Mesh.Deploy.Tests.Failover;

/// <summary>
/// Silos joining and dying under client traffic, on PostgreSQL, all real processes: the data plane never
/// notices, the control plane recovers in seconds, and nothing written before is lost.
/// </summary>
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AdminRecoveryDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ScaleOutThenKillTheCatalogSilo_EdgeFailsNoRequest_AdminAnswersWithin10s_NothingIsLost()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var backend = await Backend.StartAsync("orders");
        await using var silo1 = SiloProcess.Start(database.ConnectionString);
        await using var silo2 = SiloProcess.Start(database.ConnectionString);
        await using var silo3 = SiloProcess.Start(database.ConnectionString);
        await Task.WhenAll(silo1.WaitUntilReadyAsync(), silo2.WaitUntilReadyAsync(), silo3.WaitUntilReadyAsync());
        var configured = await AdminWrites.ConfigureServiceAndRouteAsync(silo1.Http, "orders", backend);
        await using var edge = EdgeProcess.Start(database.ConnectionString);
        await edge.WaitForVersionAsync(configured);
        await using var traffic = EdgeTraffic.Start(new Uri(edge.Http.BaseAddress!, "/orders/list"));
        await traffic.WaitForMoreSuccessesAsync(20);

        // Scale out: a fourth silo joins and new grains are placed on it (each new service activates its circuit).
        await using var silo4 = SiloProcess.Start(database.ConnectionString);
        await silo4.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(
            async () => (await Membership.ActiveSiloPortsAsync(database)).SetEquals([silo1.SiloPort, silo2.SiloPort, silo3.SiloPort, silo4.SiloPort]),
            "four silos Active in the membership table");
        var created = await CreateServicesUntilOneLandsOnAsync(silo4, silo1.Http);

        // SIGKILL the silo that hosts the catalog: no goodbye, its grains must come back elsewhere.
        var silos = new[] { silo1, silo2, silo3, silo4 };
        var victim = await SiloMetrics.CatalogHostAsync(silos);
        var survivors = silos.Where(s => s != victim).ToArray();
        var succeededBeforeKill = traffic.Succeeded;
        victim.Process.KillNow();
        var (recovery, written) = await AdminWrites.PutUntilAcceptedAsync(survivors, "/api/v1/services/after-kill", """{ "timeout": "2s" }""", AdminRecoveryDeadline);

        await edge.WaitForVersionAsync(written);
        await traffic.WaitForMoreSuccessesAsync(50);
        var newHost = await SiloMetrics.CatalogHostAsync(survivors);
        var config = await (await newHost.Http.GetAsync("/api/v1/config")).ReadJsonAsync();
        var orders = await (await newHost.Http.GetAsync("/api/v1/services/orders")).ReadJsonAsync();
        await Eventually.HoldsAsync(async () => (await Membership.DeadSiloPortsAsync(database)).Contains(victim.SiloPort), "the killed silo declared dead");

        output.WriteLine($"fourth silo took a circuit grain after {created} new services; admin writes recovered {recovery.TotalSeconds:F2}s after the kill; edge: {traffic.Describe()}");
        Assert.True(traffic.Failed == 0, $"edge traffic during the kill: {traffic.Describe()}");
        Assert.True(traffic.Succeeded > succeededBeforeKill + 50);
        Assert.True(recovery < AdminRecoveryDeadline, $"admin writes recovered after {recovery}");
        Assert.Equal("orders", (string?)config["routes"]!["orders"]!["backends"]![0]!["service"]);
        Assert.Equal("orders-limit", (string?)config["routes"]!["orders"]!["rateLimit"]);
        Assert.NotNull(config["rateLimits"]!["orders-limit"]);
        Assert.All(Enumerable.Range(0, created), i => Assert.NotNull(config["services"]![$"scale-{i}"]));
        Assert.NotNull(config["services"]!["after-kill"]);
        Assert.Equal(backend.Address, (string?)orders["endpoints"]![0]!["address"]);
        Assert.Equal(HttpStatusCode.OK, (await edge.Http.GetAsync("/orders/after")).StatusCode);
    }

    /// <summary>
    /// New grains go where Orleans' default (resource-optimized) placement sees the most headroom, and a silo that
    /// has just started is busy for a moment: create services until the circuit grain of one is placed on <paramref name="silo"/>.
    /// </summary>
    private static async Task<int> CreateServicesUntilOneLandsOnAsync(SiloProcess silo, HttpClient admin)
    {
        const int MaxServices = 80;
        for (var i = 0; i < MaxServices; i++)
        {
            var created = await admin.PutJsonAsync($"/api/v1/services/scale-{i}", "{}");
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            if (await SiloMetrics.ActivationsAsync(silo, "circuitbreaker") > 0)
            {
                return i + 1;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"none of {MaxServices} new services was placed on the new silo (admin port {silo.AdminPort})");
        return MaxServices;
    }
}
