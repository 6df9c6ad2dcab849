using System.Net;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Postgres;

/// <summary>Settings are stored; circuit windows, ejections and heartbeats are soft state rebuilt after a restart.</summary>
public sealed class SettingsSurviveRestartTests
{
    [Fact]
    public async Task SiloKilledAndRestarted_KeepsEndpointAndCircuitSettings_WithTheCircuitClosed()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        const string Spec = """
            { "healthCheck": { "path": "/ready", "interval": "7s", "timeout": "3s", "unhealthyThreshold": 4, "healthyThreshold": 2 },
              "outlierDetection": { "consecutiveFailures": 9, "baseEjection": "45s", "maxEjectionPercent": 30 },
              "circuitBreaker": { "failureRatio": 0.3, "minimumThroughput": 40, "window": "20s", "breakDuration": "25s", "halfOpenProbes": 5 } }
            """;
        JsonNode before;
        int siloPort, gatewayPort, adminPort;
        await using (var first = SiloProcess.Start(database.ConnectionString))
        {
            await first.WaitUntilReadyAsync();
            (siloPort, gatewayPort, adminPort) = (first.SiloPort, first.GatewayPort, first.AdminPort);
            await first.Http.PutJsonAsync("/api/v1/services/kept", Spec);
            await first.Http.PutJsonAsync("/api/v1/services/kept/endpoints/k1", """{ "address": "http://127.0.0.1:7999", "weight": 3, "zone": "z2" }""");
            before = await (await first.Http.GetAsync("/api/v1/services/kept")).ReadJsonAsync();
            first.Process.KillNow();
        }

        await using var restarted = SiloProcess.Start(database.ConnectionString, siloPort: siloPort, gatewayPort: gatewayPort, adminPort: adminPort);
        await restarted.WaitUntilReadyAsync();
        var after = await (await restarted.Http.GetAsync("/api/v1/services/kept")).ReadJsonAsync();
        var circuit = await restarted.Http.GetAsync("/api/v1/circuits/kept");

        foreach (var section in new[] { "healthCheck", "outlierDetection", "circuitBreaker", "loadBalancing", "timeout", "retry" })
        {
            Assert.Equal(before[section]!.ToJsonString(), after[section]!.ToJsonString());
        }

        var endpoint = after["endpoints"]!.AsArray().Single()!;
        Assert.Equal(("k1", 3, "z2"), ((string?)endpoint["id"], (int?)endpoint["weight"], (string?)endpoint["zone"]));
        Assert.Equal(HttpStatusCode.OK, circuit.StatusCode);
        Assert.Equal("closed", (string?)(await circuit.ReadJsonAsync())["state"]);
    }
}
