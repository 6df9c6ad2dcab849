using Mesh.Bench.Cli;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Cluster;

/// <summary>
/// A proxy in sidecar mode in front of one app: it fetches its certificate, registers its mTLS inbound
/// listener as an endpoint of <c>service</c> (which must exist) and health-checks the app for it. Inbound,
/// outbound (unused here) and admin listeners on free loopback ports.
/// </summary>
internal sealed class SidecarNode : IAsyncDisposable
{
    private SidecarNode(string id, string service, ChildProcess process, int inboundPort, int adminPort)
    {
        Id = id;
        Service = service;
        Process = process;
        Inbound = new Uri($"https://127.0.0.1:{inboundPort}");
        AdminBase = new Uri($"http://127.0.0.1:{adminPort}");
    }

    /// <summary>Its proxy id, which is also the id of the endpoint it registers.</summary>
    public string Id { get; }

    public string Service { get; }

    public ChildProcess Process { get; }

    /// <summary>The mTLS listener other proxies call: the address it registers.</summary>
    public Uri Inbound { get; }

    /// <summary><c>/readyz</c>, <c>/config</c>, <c>/metrics</c>.</summary>
    public Uri AdminBase { get; }

    /// <summary>For the harness's own reads of the admin listener.</summary>
    public HttpClient Http { get; } = BenchHttp.Create(2);

    public static SidecarNode Start(RepoLayout repo, string id, string service, string app, int gatewayPort, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (inbound, outbound, admin) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var process = ChildProcess.Start(id, repo.ProxyAssembly,
        [
            "--Mesh:Proxy:Mode=sidecar",
            $"--Mesh:Proxy:Id={id}",
            $"--Mesh:Proxy:AdminUrls=http://127.0.0.1:{admin}",
            $"--Mesh:Sidecar:Service={service}",
            $"--Mesh:Sidecar:App={app}",
            $"--Mesh:Sidecar:InboundUrls=https://127.0.0.1:{inbound}",
            $"--Mesh:Sidecar:OutboundUrls=http://127.0.0.1:{outbound}",
            $"--Orleans:GatewayPort={gatewayPort}",
        ],
        environment);
        return new SidecarNode(id, service, process, inbound, admin);
    }

    /// <summary>Waits for <c>/readyz</c>, then for its endpoint to be in the catalog as healthy.</summary>
    public async Task WaitRegisteredAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        var ready = await Poll.UntilAsync(
            async ct => !Process.HasExited && (await Http.GetAsync(new Uri(AdminBase, "/readyz"), ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(90),
            cancellationToken);
        if (ready is null || Process.HasExited)
        {
            throw new BenchFailedException($"sidecar {Id} not ready:\n{Process.Tail}");
        }

        var healthy = await Poll.UntilAsync(async ct => await EndpointHealthAsync(admin, ct) == "healthy", TimeSpan.FromSeconds(60), cancellationToken);
        if (healthy is null)
        {
            throw new BenchFailedException($"sidecar {Id} never showed as a healthy endpoint of {Service}:\n{Process.Tail}");
        }
    }

    /// <summary>The health of its endpoint in the catalog (<c>healthy</c>, <c>unhealthy</c>, …), or null when it is not registered.</summary>
    public async Task<string?> EndpointHealthAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        using var service = await admin.GetAsync($"/api/v1/services/{Service}", cancellationToken);
        return service.RootElement.GetProperty("endpoints").EnumerateArray()
            .Where(e => e.GetProperty("id").GetString() == Id)
            .Select(e => e.TryGetProperty("health", out var health) ? health.GetString() : null)
            .FirstOrDefault();
    }

    public Task<string> MetricsAsync(CancellationToken cancellationToken) => Http.GetStringAsync(new Uri(AdminBase, "/metrics"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
