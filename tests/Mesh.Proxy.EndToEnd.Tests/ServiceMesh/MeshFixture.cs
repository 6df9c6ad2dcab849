using System.Net;
using System.Security.Cryptography.X509Certificates;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>
/// The mesh of issue 6 as real processes: one silo issuing 10-second certificates (so rotation happens
/// during the tests), the inventory and orders samples each behind a sidecar, and an edge. inventory
/// allows only orders (GET /stock/*), orders allows only the edge. Edge routes: <c>/orders/…</c> to orders,
/// <c>/direct/…</c> straight to inventory.
/// </summary>
public sealed class MeshFixture : IAsyncLifetime
{
    public const string CertificateLifetime = "10s";

    private readonly List<IAsyncDisposable> _started = [];
    private readonly IReadOnlyList<string> _everyProgram;

    public MeshFixture()
        : this([])
    {
    }

    /// <summary>A mesh whose apps, sidecars and edge all get <paramref name="everyProgram"/> (e.g. where to export traces).</summary>
    internal MeshFixture(IReadOnlyList<string> everyProgram) => _everyProgram = everyProgram;

    public SiloProcess Silo { get; private set; } = null!;

    public SampleProcess Inventory { get; private set; } = null!;

    public ProxyProcess InventorySidecar { get; private set; } = null!;

    /// <summary>The inventory sidecar's access log: every call its inbound listener took.</summary>
    public string InventoryAccessLog { get; } = Path.Combine(Path.GetTempPath(), $"mesh-inventory-{Guid.NewGuid():N}.log");

    public SampleProcess Orders { get; private set; } = null!;

    public ProxyProcess OrdersSidecar { get; private set; } = null!;

    public ProxyProcess Edge { get; private set; } = null!;

    public HttpClient Admin => Silo.Http;

    /// <summary>The mesh root, which every sidecar's certificate chains to.</summary>
    public X509Certificate2 Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            Silo = Started(SiloProcess.Start(extraArguments: [$"--Mesh:Identity:CertificateLifetime={CertificateLifetime}"]));
            await Silo.WaitUntilReadyAsync();
            Root = await MeshCertificates.RootAsync(Admin);
            const string Service = """{ "healthCheck": { "path": "/healthz", "interval": "1s" }, "timeout": "5s" }""";
            await Admin.PutServiceAsync("inventory", Service);
            await Admin.PutServiceAsync("orders", Service);
            await PutAsync("/api/v1/authz/inventory", """{ "allow": [ { "from": ["orders"], "methods": ["GET"], "paths": ["/stock/*"] } ] }""");
            await PutAsync("/api/v1/authz/orders", """{ "allow": [ { "from": ["edge"] } ] }""");
            await Admin.PutRouteAsync("orders", """{ "match": { "path": "/orders/{**rest}" }, "backends": [ { "service": "orders" } ] }""");
            await Admin.PutRouteAsync("direct", """{ "match": { "path": "/direct/{**rest}" }, "backends": [ { "service": "inventory" } ], "transforms": [ { "pathRemovePrefix": "/direct" } ] }""");

            Inventory = Started(SampleProcess.StartInventory("inventory-1", _everyProgram));
            InventorySidecar = Started(ProxyProcess.StartSidecar(
                Silo.GatewayPort, "inventory", Inventory.Address, id: "inventory-1", extraArguments: [$"--Mesh:Proxy:AccessLog={InventoryAccessLog}", .. _everyProgram]));
            var ordersPort = FreePort.Next();
            OrdersSidecar = Started(ProxyProcess.StartSidecar(Silo.GatewayPort, "orders", $"http://127.0.0.1:{ordersPort}", id: "orders-1", extraArguments: _everyProgram));
            Orders = Started(SampleProcess.Start("Orders", "Mesh.Samples.Orders.dll", [$"--Sample:Outbound=http://127.0.0.1:{OrdersSidecar.Port}", .. _everyProgram], ordersPort));
            Edge = Started(ProxyProcess.Start(Silo.GatewayPort, id: "edge", extraArguments: _everyProgram));
            await Task.WhenAll(
                Inventory.WaitUntilReadyAsync(),
                Orders.WaitUntilReadyAsync(),
                InventorySidecar.WaitUntilReadyAsync(),
                OrdersSidecar.WaitUntilReadyAsync(),
                Edge.WaitUntilReadyAsync());

            // Both sidecars registered, reported healthy, and every proxy on the way applied it.
            await Eventually.ReturnsAsync(
                async () => (await Edge.Http.GetAsync("/orders/1")).StatusCode,
                status => status == HttpStatusCode.OK,
                "the edge → orders → inventory chain to answer 200");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_started))
        {
            await process.DisposeAsync();
        }

        _started.Clear();
        Root?.Dispose();
        File.Delete(InventoryAccessLog);
    }

    private T Started<T>(T process)
        where T : IAsyncDisposable
    {
        _started.Add(process);
        return process;
    }

    private async Task PutAsync(string path, string json)
    {
        using var response = await Admin.PutJsonAsync(path, json);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
