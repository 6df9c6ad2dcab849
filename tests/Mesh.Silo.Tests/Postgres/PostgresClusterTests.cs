using System.Net;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Postgres;

/// <summary>Silo processes clustered on PostgreSQL through our db/ scripts and the real ADO.NET providers.</summary>
public sealed class PostgresClusterTests
{
    private const int ActiveStatus = 3;

    [Fact]
    public async Task TwoSiloProcesses_JoinOneClusterAndServeTheSameCatalog()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var first = SiloProcess.Start(database.ConnectionString);
        await first.WaitUntilReadyAsync();
        await using var second = SiloProcess.Start(database.ConnectionString);
        await second.WaitUntilReadyAsync();

        await Eventually.HoldsAsync(
            async () => (await ActivePortsAsync(database)).SetEquals([first.SiloPort, second.SiloPort]),
            "both silos Active in the membership table");
        await first.Http.PutJsonAsync("/api/v1/services/orders", """{ "timeout": "3s" }""");
        var written = await first.Http.PutJsonAsync("/api/v1/routes/orders", """{ "match": { "path": "/orders/{**rest}" }, "backends": [ { "service": "orders" } ] }""");
        var read = await second.Http.GetAsync("/api/v1/routes/orders");

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("/orders/{**rest}", (string?)(await read.ReadJsonAsync())["match"]!["path"]);
        Assert.Equal(written.ConfigVersion(), read.ConfigVersion());
    }

    [Fact]
    public async Task EverySiloStoppedAndStartedAgain_KeepsRoutesEndpointsTheCatalogVersionAndTheHistory()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        long versionBefore;
        string historyBefore;
        await using (var first = SiloProcess.Start(database.ConnectionString))
        await using (var second = SiloProcess.Start(database.ConnectionString))
        {
            await first.WaitUntilReadyAsync();
            await second.WaitUntilReadyAsync();
            await first.Http.PutJsonAsync("/api/v1/services/inventory", """{ "loadBalancing": "roundRobin" }""");
            await second.Http.PutJsonAsync("/api/v1/services/inventory/endpoints/i1", """{ "address": "http://127.0.0.1:7005" }""");
            await first.Http.PutJsonAsync("/api/v1/ratelimits/gentle", """{ "permitsPerSecond": 10 }""");
            versionBefore = (await second.Http.PutJsonAsync(
                "/api/v1/routes/inventory",
                """{ "match": { "hosts": ["inventory.local"] }, "backends": [ { "service": "inventory" } ], "rateLimit": "gentle" }""")).ConfigVersion();
            historyBefore = await first.Http.GetStringAsync("/api/v1/config/history");
            await first.Process.StopAsync();
            await second.Process.StopAsync();
        }

        await using var restarted = SiloProcess.Start(database.ConnectionString);
        await restarted.WaitUntilReadyAsync();
        var config = await restarted.Http.GetAsync("/api/v1/config");
        var service = await (await restarted.Http.GetAsync("/api/v1/services/inventory")).ReadJsonAsync();
        var route = await restarted.Http.GetAsync("/api/v1/routes/inventory");

        // Nothing was committed since: the configuration version is the same; the snapshot version moves on, so a proxy
        // holding the old snapshot takes the reactivated catalog's.
        Assert.Equal(versionBefore, config.ConfigVersion());
        Assert.True(config.SnapshotVersion() > versionBefore, $"snapshot version {config.SnapshotVersion()} should follow {versionBefore}");
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal("gentle", (string?)(await route.ReadJsonAsync())["rateLimit"]);
        Assert.Equal("roundRobin", (string?)service["loadBalancing"]);
        Assert.Equal("i1", (string?)service["endpoints"]![0]!["id"]);
        Assert.NotEmpty(await database.QueryAsync("SELECT grainid FROM orleansremindersTable", r => r.GetString(0)));
        Assert.Equal(4, JsonNode.Parse(historyBefore)!.AsArray().Count);
        Assert.Equal(historyBefore, await restarted.Http.GetStringAsync("/api/v1/config/history"));
        var firstVersion = (long)JsonNode.Parse(historyBefore)!.AsArray()[^1]!["version"]!;
        var atFirst = await (await restarted.Http.GetAsync($"/api/v1/config/history/{firstVersion}")).ReadJsonAsync();
        Assert.Equal(["inventory"], atFirst["services"]!.AsObject().Select(e => e.Key));
        Assert.Empty(atFirst["routes"]!.AsObject());
    }

    private static async Task<HashSet<int>> ActivePortsAsync(PostgresDatabase database) =>
        [.. await database.QueryAsync($"SELECT port FROM orleansmembershiptable WHERE status = {ActiveStatus}", r => r.GetInt32(0))];
}
