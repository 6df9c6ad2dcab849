using System.Diagnostics;
using System.Net;

namespace Mesh.Testing.Soak;

/// <summary>
/// The soak's mesh as real processes on PostgreSQL: three silos; two edges writing access logs; the orders sample
/// behind a sidecar calling two inventory instances, each behind its own sidecar, over mTLS; and in-process
/// backends for a weighted split, a flaky service that retries hide, a cached route and a route with API keys and a
/// global rate limit. Silos, edges and inventory apps can be killed and restarted in place; disposing stops all.
/// </summary>
public sealed class SoakCluster : IAsyncDisposable
{
    public const int SiloCount = 3;
    public const int InventoryCount = 2;
    public const string Consumer = "soak-client";

    private const string MeshService = """{ "healthCheck": { "path": "/healthz", "interval": "1s" }, "timeout": "5s", "retry": { "attempts": 2 } }""";
    private const string BackendService = """{ "healthCheck": { "path": "/healthz", "interval": "1s" }, "timeout": "5s" }""";

    private readonly PostgresDatabase _database;
    private readonly string _logDirectory;
    private readonly SiloProcess?[] _silos = new SiloProcess?[SiloCount];
    private readonly ProxyProcess?[] _edges = new ProxyProcess?[2];
    private readonly SampleProcess?[] _inventoryApps = new SampleProcess?[InventoryCount];
    private readonly ProxyProcess?[] _inventorySidecars = new ProxyProcess?[InventoryCount];
    private readonly List<TestBackend> _backends = [];
    private readonly List<IAsyncDisposable> _stopped = [];
    private readonly Lock _gate = new();
    private ProxyProcess? _ordersSidecar;
    private SampleProcess? _orders;

    private SoakCluster(PostgresDatabase database, string logDirectory)
    {
        _database = database;
        _logDirectory = logDirectory;
    }

    /// <summary>The edges, by index; each keeps its ports across restarts.</summary>
    public IReadOnlyList<ProxyProcess> Edges => [.. _edges.Select(e => e!)];

    /// <summary>The API key of <see cref="Consumer"/>, for the keyed route.</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>Every process now running, named as they are in the samples.</summary>
    public IReadOnlyList<SoakMember> Members
    {
        get
        {
            lock (_gate)
            {
                var members = new List<SoakMember>();
                for (var i = 0; i < SiloCount; i++)
                {
                    members.Add(new SoakMember($"silo-{i + 1}", _silos[i]!.Process, new Uri(_silos[i]!.Http.BaseAddress!, "/metrics")));
                }

                for (var i = 0; i < _edges.Length; i++)
                {
                    members.Add(new SoakMember($"edge-{i + 1}", _edges[i]!.Process, new Uri(_edges[i]!.Admin.BaseAddress!, "/metrics")));
                }

                members.Add(new SoakMember("orders-sidecar", _ordersSidecar!.Process, new Uri(_ordersSidecar.Admin.BaseAddress!, "/metrics")));
                members.Add(new SoakMember("orders-app", _orders!.Process, null));
                for (var i = 0; i < InventoryCount; i++)
                {
                    members.Add(new SoakMember($"inventory-{i + 1}-sidecar", _inventorySidecars[i]!.Process, new Uri(_inventorySidecars[i]!.Admin.BaseAddress!, "/metrics")));
                    members.Add(new SoakMember($"inventory-{i + 1}-app", _inventoryApps[i]!.Process, null));
                }

                return members;
            }
        }
    }

    /// <summary>Every proxy (edges and sidecars): each must apply the catalog's version for the cluster to have converged.</summary>
    public IReadOnlyList<ProxyProcess> Proxies => [.. Edges, _ordersSidecar!, .. _inventorySidecars.Select(s => s!)];

    public static async Task<SoakCluster> StartAsync(PostgresDatabase database, string logDirectory)
    {
        var cluster = new SoakCluster(database, logDirectory);
        try
        {
            await cluster.StartEverythingAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// PUTs <paramref name="json"/> through each live silo in turn until one accepts it, as an operator's script
    /// would during an incident; returns the snapshot version of the write.
    /// </summary>
    public async Task<long> PutAsync(string path, string json, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        var refusals = new List<string>();
        for (var i = 0; clock.Elapsed < (deadline ?? TimeSpan.FromSeconds(60)); i++)
        {
            var silo = Silo(i % SiloCount);
            try
            {
                using var response = await silo.Http.PutJsonAsync(path, json);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return response.SnapshotVersion();
                }

                refusals.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                refusals.Add($":{silo.AdminPort} {e.GetType().Name}");
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"no silo accepted PUT {path}: {string.Join("; ", refusals.TakeLast(5))}");
    }

    /// <summary>GETs <paramref name="path"/> from the first live silo that answers; the status and body.</summary>
    public Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => FromAnySiloAsync($"GET {path}", async silo =>
    {
        using var response = await silo.Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    });

    /// <summary>The catalog's current snapshot version, from the first live silo that answers.</summary>
    public Task<long> CatalogVersionAsync() => FromAnySiloAsync("GET /api/v1/config", silo => silo.Http.CatalogVersionAsync());

    /// <summary>SIGKILLs silo <paramref name="index"/> and starts a new one in its place (new ports, as a rescheduled pod gets).</summary>
    public async Task<SiloProcess> ReplaceSiloAsync(int index)
    {
        var victim = Silo(index);
        victim.Process.KillNow();
        var replacement = StartSilo();
        lock (_gate)
        {
            _silos[index] = replacement;
            _stopped.Add(victim);
        }

        await replacement.WaitUntilReadyAsync();
        return replacement;
    }

    /// <summary>
    /// SIGTERMs edge <paramref name="index"/>, waits for it to exit, and starts it again on the same ports; how long
    /// it took to exit, and then to be ready.
    /// </summary>
    public async Task<(TimeSpan Exited, TimeSpan Ready)> RestartEdgeAsync(int index)
    {
        var edge = _edges[index]!;
        var clock = Stopwatch.StartNew();
        await edge.StopAsync();
        var exited = clock.Elapsed;
        var again = StartEdge(index, edge.Port, edge.AdminPort);
        lock (_gate)
        {
            _edges[index] = again;
            _stopped.Add(edge);
        }

        await again.WaitUntilReadyAsync();
        return (exited, clock.Elapsed - exited);
    }

    /// <summary>SIGKILLs the app behind inventory sidecar <paramref name="index"/>, starts it again on its port, and waits until its endpoint is healthy again.</summary>
    public async Task RestartInventoryAppAsync(int index)
    {
        var app = _inventoryApps[index]!;
        app.Process.KillNow();
        var again = StartInventoryApp(index, app.Port);
        lock (_gate)
        {
            _inventoryApps[index] = again;
            _stopped.Add(app);
        }

        await again.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(
            async () => await EndpointHealthAsync("inventory", $"inventory-{index + 1}") == "healthy",
            $"inventory-{index + 1} healthy again after its app restarted",
            TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        IAsyncDisposable?[] everything;
        lock (_gate)
        {
            everything = [.. _edges, _orders, _ordersSidecar, .. _inventoryApps, .. _inventorySidecars, .. _silos, .. _stopped];
        }

        foreach (var process in everything)
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }

    private async Task<string?> EndpointHealthAsync(string service, string id)
    {
        var (status, body) = await GetAsync($"/api/v1/services/{service}/endpoints/{id}");
        return status == HttpStatusCode.OK ? System.Text.Json.Nodes.JsonNode.Parse(body)?["health"]?.GetValue<string>() : null;
    }

    /// <summary>Asks each silo in turn, three rounds at most, until one answers (one may just have been killed).</summary>
    private async Task<T> FromAnySiloAsync<T>(string what, Func<SiloProcess, Task<T>> ask)
    {
        Exception? last = null;
        for (var i = 0; i < SiloCount * 3; i++)
        {
            try
            {
                return await ask(Silo(i % SiloCount));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e;
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException($"no silo answered {what}", last);
    }

    private SiloProcess Silo(int index)
    {
        lock (_gate)
        {
            return _silos[index]!;
        }
    }

    private SiloProcess StartSilo() => SiloProcess.Start(_database.ConnectionString);

    private static SampleProcess StartInventoryApp(int index, int? port = null) =>
        SampleProcess.Start("Inventory", "Mesh.Samples.Inventory.dll", [$"--Sample:Instance=inventory-{index + 1}"], port);

    private ProxyProcess StartEdge(int index, int? port = null, int? adminPort = null) => ProxyProcess.Start(
        Silo(0).GatewayPort,
        id: $"edge-{index + 1}",
        connectionString: _database.ConnectionString,
        port: port,
        adminPort: adminPort,
        extraArguments: [$"--Mesh:Proxy:AccessLog={Path.Combine(_logDirectory, $"edge-{index + 1}.access.log")}"]);

    private ProxyProcess StartSidecar(string service, string id, string app) => ProxyProcess.StartSidecar(
        Silo(0).GatewayPort, service, app, id: id, extraArguments: [$"--ConnectionStrings:Mesh={_database.ConnectionString}"]);

    private async Task StartEverythingAsync()
    {
        for (var i = 0; i < SiloCount; i++)
        {
            _silos[i] = StartSilo();
        }

        await Task.WhenAll(_silos.Select(s => s!.WaitUntilReadyAsync()));
        await ConfigureAsync();

        var ordersPort = FreePort.Next();
        _ordersSidecar = StartSidecar("orders", "orders-1", $"http://127.0.0.1:{ordersPort}");
        _orders = SampleProcess.Start("Orders", "Mesh.Samples.Orders.dll", [$"--Sample:Outbound=http://127.0.0.1:{_ordersSidecar.Port}"], ordersPort);
        for (var i = 0; i < InventoryCount; i++)
        {
            _inventoryApps[i] = StartInventoryApp(i);
            _inventorySidecars[i] = StartSidecar("inventory", $"inventory-{i + 1}", _inventoryApps[i]!.Address);
        }

        for (var i = 0; i < _edges.Length; i++)
        {
            _edges[i] = StartEdge(i);
        }

        await Task.WhenAll(
            [.. Proxies.Select(p => p.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))), _orders.WaitUntilReadyAsync(), .. _inventoryApps.Select(a => a!.WaitUntilReadyAsync())]);
        foreach (var id in new[] { "orders-1", "inventory-1", "inventory-2" })
        {
            var service = id[..id.IndexOf('-', StringComparison.Ordinal)];
            await Eventually.HoldsAsync(async () => await EndpointHealthAsync(service, id) == "healthy", $"{id} registered and healthy", TimeSpan.FromSeconds(90));
        }

        // Every path of the traffic mix answers 200 at every edge before the run's clock starts.
        foreach (var edge in Edges)
        {
            foreach (var path in new[] { "/orders/1", "/split/1", "/flaky/1", "/cached/item-0", "/keyed/1" })
            {
                await Eventually.HoldsAsync(
                    async () =>
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, path);
                        request.Headers.Add("x-api-key", ApiKey);
                        using var response = await edge.Http.SendAsync(request);
                        return response.StatusCode == HttpStatusCode.OK;
                    },
                    $"{edge.Id} to answer 200 on {path}",
                    TimeSpan.FromSeconds(60));
            }
        }
    }

    private async Task ConfigureAsync()
    {
        await PutAsync("/api/v1/services/orders", MeshService);
        await PutAsync("/api/v1/services/inventory", MeshService);
        await PutAsync("/api/v1/authz/inventory", """{ "allow": [ { "from": ["orders"], "methods": ["GET"], "paths": ["/stock/*"] } ] }""");
        await PutAsync("/api/v1/authz/orders", """{ "allow": [ { "from": ["edge"] } ] }""");
        await PutAsync("/api/v1/routes/orders", """{ "match": { "path": "/orders/{**rest}" }, "backends": [ { "service": "orders" } ] }""");

        await BackedServiceAsync("catalog-a", BackendService, "catalog-a-1");
        await BackedServiceAsync("catalog-b", BackendService, "catalog-b-1");
        await PutAsync("/api/v1/routes/split", """{ "match": { "path": "/split/{**rest}" }, "backends": [ { "service": "catalog-a", "weight": 80 }, { "service": "catalog-b", "weight": 20 } ] }""");

        // One endpoint answers every tenth request with 503; the service's retry sends it to the other.
        var flaky = await BackedServiceAsync(
            "flaky", """{ "healthCheck": { "path": "/healthz", "interval": "1s" }, "timeout": "5s", "retry": { "attempts": 2, "on": [503], "budgetPercent": 50 } }""", "flaky-1", "flaky-2");
        flaky[0].FailEvery(10, (int)HttpStatusCode.ServiceUnavailable);
        await PutAsync("/api/v1/routes/flaky", """{ "match": { "path": "/flaky/{**rest}" }, "backends": [ { "service": "flaky" } ] }""");

        await BackedServiceAsync("cached", BackendService, "cached-1");
        await PutAsync("/api/v1/routes/cached", """{ "match": { "path": "/cached/{**rest}" }, "backends": [ { "service": "cached" } ], "cache": { "defaultTtl": "1s" } }""");

        await BackedServiceAsync("keyed", BackendService, "keyed-1");
        await PutAsync("/api/v1/ratelimits/soak-limit", """{ "permitsPerSecond": 100000, "burst": 100000, "partitionBy": "consumer", "failMode": "open" }""");
        await PutAsync($"/api/v1/consumers/{Consumer}", "{}");
        ApiKey = (await Silo(0).Http.CreateApiKeyAsync(Consumer)).Key;
        await PutAsync("/api/v1/routes/keyed", """{ "match": { "path": "/keyed/{**rest}" }, "backends": [ { "service": "keyed" } ], "auth": "apiKey", "rateLimit": "soak-limit" }""");
    }

    private async Task<TestBackend[]> BackedServiceAsync(string service, string spec, params string[] endpoints)
    {
        await PutAsync($"/api/v1/services/{service}", spec);
        var started = new List<TestBackend>();
        foreach (var endpoint in endpoints)
        {
            var backend = await TestBackend.StartAsync(endpoint);
            _backends.Add(backend);
            started.Add(backend);
            await PutAsync($"/api/v1/services/{service}/endpoints/{endpoint}", $$"""{ "address": "{{backend.Address}}" }""");
        }

        return [.. started];
    }
}
