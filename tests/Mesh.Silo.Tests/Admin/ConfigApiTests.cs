using System.Net;
using System.Text;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>
/// Configuration as a whole over HTTP (admin-api.md, "Configuration as a whole"), against a real silo. Every test
/// applies a whole document, so each starts from a configuration of its own.
/// </summary>
public sealed class ConfigApiTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private const string Mesh = """
        {
          "services": {
            "orders": { "timeout": "5s", "endpoints": [ { "id": "orders-1", "address": "http://127.0.0.1:7001" } ] },
            "inventory": { "healthCheck": { "protocol": "tcp" } }
          },
          "routes": {
            "orders": { "match": { "path": "/orders/{**rest}" }, "backends": [ { "service": "orders" } ], "rateLimit": "per-client" },
            "stock": { "match": { "path": "/stock/{**rest}" }, "backends": [ { "service": "inventory" } ] },
            "split": { "match": { "path": "/split/{**rest}" }, "backends": [ { "service": "orders", "weight": 90 }, { "service": "inventory", "weight": 10 } ] }
          },
          "rateLimits": { "per-client": { "permitsPerSecond": 10 } },
          "authz": { "inventory": { "allow": [ { "from": ["orders"] } ] } }
        }
        """;

    private const string MeshYaml = """
        services:
          orders:
            timeout: 5s
            endpoints:
              - id: orders-1
                address: "http://127.0.0.1:7001"
          inventory:
            healthCheck: { protocol: tcp }
        routes:
          orders:
            match: { path: "/orders/{**rest}" }
            backends: [ { service: orders } ]
            rateLimit: per-client
          stock:
            match: { path: "/stock/{**rest}" }
            backends: [ { service: inventory } ]
          split:
            match: { path: "/split/{**rest}" }
            backends: [ { service: orders, weight: 90 }, { service: inventory, weight: 10 } ]
        rateLimits:
          per-client: { permitsPerSecond: 10 }
        authz:
          inventory:
            allow: [ { from: [orders] } ]
        """;

    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task Apply_OfAWholeMesh_IsOneVersion_AndGetConfigGivesBackADocumentThatAppliesWithoutChanges()
    {
        await ApplyAsync("{}");
        var historyBefore = (await Http.GetOkJsonAsync("/api/v1/config/history")).AsArray().Count;

        using var applied = await ApplyAsync(Mesh);
        var answer = await applied.ReadJsonAsync();
        var config = await Http.GetOkJsonAsync("/api/v1/config");
        using var again = await ApplyAsync(config.ToJsonString(), dryRun: true);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(applied.ConfigVersion(), (long)answer["version"]!);
        Assert.Equal(8, answer["changes"]!.AsArray().Count);
        Assert.All(answer["changes"]!.AsArray(), c => Assert.Equal("create", (string?)c!["change"]));
        Assert.Equal(historyBefore + 1, (await Http.GetOkJsonAsync("/api/v1/config/history")).AsArray().Count);
        Assert.Equal("orders-1", (string?)config["services"]!["orders"]!["endpoints"]![0]!["id"]);
        Assert.Equal("tcp", (string?)config["services"]!["inventory"]!["healthCheck"]!["protocol"]);
        Assert.Empty((await again.ReadJsonAsync())["changes"]!.AsArray());
    }

    [Fact]
    public async Task Apply_OfTheSameMeshInYaml_ChangesNothing()
    {
        await ApplyAsync(Mesh);

        using var yaml = await ApplyAsync(MeshYaml, dryRun: true, mediaType: "application/yaml");

        Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
        Assert.Empty((await yaml.ReadJsonAsync())["changes"]!.AsArray());
    }

    [Fact]
    public async Task Apply_WithErrorsInTwoResources_StoresNothing_AndNamesEveryPath()
    {
        await ApplyAsync(Mesh);
        var before = await Http.GetOkJsonAsync("/api/v1/config");

        using var refused = await ApplyAsync("""
            { "services": { "orders": { "timeout": "soon" } },
              "routes": { "orders": { "match": { "path": "/orders/{**rest}" }, "backends": [ { "service": "nowhere" } ] } } }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["routes.orders.backends[0].service", "services.orders.timeout"], await refused.ProblemFieldsAsync());
        Assert.Equal(before.ToJsonString(), (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString());
    }

    [Fact]
    public async Task Apply_WithAnUnknownFieldDeepInside_NamesItsPath()
    {
        using var refused = await ApplyAsync("""{ "routes": { "orders": { "match": { "path": "/x" }, "backends": [ { "service": "orders", "tries": 3 } ] } } }""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["routes.orders.backends[0].tries"], await refused.ProblemFieldsAsync());
    }

    [Fact]
    public async Task DryRun_ReportsExactlyTheChangedFields_AndStoresNothing()
    {
        await ApplyAsync(Mesh);
        var version = (await Http.GetAsync("/api/v1/config")).ConfigVersion();

        using var preview = await ApplyAsync(Mesh.Replace("\"weight\": 90", "\"weight\": 80", StringComparison.Ordinal).Replace("\"weight\": 10", "\"weight\": 20", StringComparison.Ordinal), dryRun: true);
        var change = (await preview.ReadJsonAsync())["changes"]!.AsArray().Single()!;

        Assert.Equal(("route", "split", "update"), ((string?)change["kind"], (string?)change["name"], (string?)change["change"]));
        Assert.Equal(["backends[0].weight", "backends[1].weight"], change["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(version, (await Http.GetAsync("/api/v1/config")).ConfigVersion());
    }

    [Fact]
    public async Task Apply_PrunesWhatTheDocumentLeavesOut_UnlessPruneIsFalse_AndKeepsSelfRegisteredEndpoints()
    {
        await ApplyAsync(Mesh);
        await Http.PutEndpointAsync("orders", "orders-self", "http://127.0.0.1:7009", ttl: "1m");
        const string OnlyOrders = """{ "services": { "orders": { "timeout": "5s" } } }""";

        using var kept = await ApplyAsync(OnlyOrders, prune: false);
        var afterKeep = await Http.GetOkJsonAsync("/api/v1/config");
        using var pruned = await ApplyAsync(OnlyOrders);
        var afterPrune = await Http.GetOkJsonAsync("/api/v1/config");

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(3, afterKeep["routes"]!.AsObject().Count);
        Assert.Equal(HttpStatusCode.OK, pruned.StatusCode);
        Assert.Equal(["orders"], afterPrune["services"]!.AsObject().Select(s => s.Key));
        Assert.Empty(afterPrune["routes"]!.AsObject());
        Assert.Null(afterPrune["services"]!["orders"]!["endpoints"]);
        Assert.NotNull(await Http.EndpointAsync("orders", "orders-self"));
    }

    [Fact]
    public async Task History_DocumentAtAVersion_Diff_AndRollback_AsTheContractSays()
    {
        var first = (await (await ApplyAsync(Mesh)).ReadJsonAsync())["version"]!.GetValue<long>();
        using var put = await Http.PutJsonAsync("/api/v1/routes/stock", """{ "match": { "path": "/stock/{**rest}" }, "backends": [ { "service": "inventory" } ], "order": 7 }""");
        var second = put.ConfigVersion();

        var history = await Http.GetOkJsonAsync("/api/v1/config/history");
        var atFirst = await Http.GetOkJsonAsync($"/api/v1/config/history/{first}");
        var diff = await Http.GetOkJsonAsync($"/api/v1/config/diff?from={first}&to={second}");
        using var rollback = await Http.PostAsync($"/api/v1/config/rollback/{first}", null);
        var now = await Http.GetOkJsonAsync("/api/v1/config");

        Assert.Equal(("put", second), ((string?)history[0]!["source"], (long)history[0]!["version"]!));
        Assert.Equal(("apply", first), ((string?)history[1]!["source"], (long)history[1]!["version"]!));
        Assert.Equal(0, (int)atFirst["routes"]!["stock"]!["order"]!);
        Assert.Equal("""[{"kind":"route","name":"stock","change":"update","fields":["order"]}]""", diff["changes"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(0, (int)now["routes"]!["stock"]!["order"]!);
        Assert.Equal("rollback", (string?)(await Http.GetOkJsonAsync("/api/v1/config/history"))[0]!["source"]);
    }

    [Fact]
    public async Task UnknownVersions_Are404_AndADiffWithoutVersionsIs400NamingThem()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/config/history/42")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync("/api/v1/config/rollback/42", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/config/diff?from=42&to=43")).StatusCode);
        using var bad = await Http.GetAsync("/api/v1/config/diff?from=soon");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["from", "to"], await bad.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Apply_OfInvalidYaml_Is400SayingWhere()
    {
        using var refused = await ApplyAsync("services:\n  orders: [unclosed\n", mediaType: "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Contains("is not valid YAML (line", (string?)problem["errors"]!["body"]![0], StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> ApplyAsync(string document, bool? prune = null, bool dryRun = false, string mediaType = "application/json")
    {
        var query = $"?dryRun={(dryRun ? "true" : "false")}" + (prune is { } p ? $"&prune={(p ? "true" : "false")}" : string.Empty);
        return Http.PostAsync("/api/v1/config/apply" + query, new StringContent(document, Encoding.UTF8, mediaType));
    }
}
