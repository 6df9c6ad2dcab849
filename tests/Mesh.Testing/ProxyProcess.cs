using System.Text.Json.Nodes;

namespace Mesh.Testing;

/// <summary>
/// A proxy process (<c>Mesh.Proxy.dll</c>) on free loopback ports, an Orleans client of the silo whose
/// gateway port it is given, with HTTP clients for its traffic listener (the edge listener, or a sidecar's
/// outbound one) and its admin port.
/// </summary>
public sealed class ProxyProcess : IAsyncDisposable
{
    public const string ProxyHeader = "x-mesh-proxy";

    private ProxyProcess(MeshProcess process, string id, int port, int adminPort, int? inboundPort = null)
    {
        Process = process;
        Id = id;
        Port = port;
        AdminPort = adminPort;
        InboundPort = inboundPort;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public MeshProcess Process { get; }

    public string Id { get; }

    public int Port { get; }

    public int AdminPort { get; }

    /// <summary>A sidecar's mTLS listener; null for an edge.</summary>
    public int? InboundPort { get; }

    /// <summary>What a sidecar registers as its endpoint address.</summary>
    public string InboundAddress => $"https://127.0.0.1:{InboundPort ?? throw new InvalidOperationException($"proxy {Id} is not a sidecar")}";

    /// <summary>Where clients connect: the proxied traffic. Redirects are not followed.</summary>
    public HttpClient Http { get; }

    /// <summary>The proxy's admin port: <c>/healthz</c>, <c>/readyz</c>, <c>/config</c>, <c>/metrics</c>.</summary>
    public HttpClient Admin { get; }

    /// <summary>
    /// Starts an edge proxy that finds the control plane at the localhost gateway <paramref name="gatewayPort"/>
    /// (or through PostgreSQL clustering when <paramref name="connectionString"/> is given). Pass the ports of a
    /// proxy that was stopped to start it again in its place.
    /// </summary>
    public static ProxyProcess Start(
        int gatewayPort,
        string? id = null,
        string? snapshotPath = null,
        string? connectionString = null,
        int? port = null,
        int? adminPort = null,
        IEnumerable<string>? extraArguments = null)
    {
        var proxyId = id ?? "edge-" + Guid.NewGuid().ToString("N")[..8];
        var listen = port ?? FreePort.Next();
        var admin = adminPort ?? FreePort.Next();
        var arguments = new List<string>
        {
            "--Mesh:Proxy:Mode=edge",
            $"--Mesh:Proxy:Id={proxyId}",
            $"--Mesh:Proxy:Urls=http://127.0.0.1:{listen}",
            $"--Mesh:Proxy:AdminUrls=http://127.0.0.1:{admin}",
            $"--Orleans:GatewayPort={gatewayPort}",
        };
        if (snapshotPath is not null)
        {
            arguments.Add($"--Mesh:Proxy:SnapshotPath={snapshotPath}");
        }

        if (connectionString is not null)
        {
            arguments.Add($"--ConnectionStrings:Mesh={connectionString}");
        }

        arguments.AddRange(extraArguments ?? []);
        return new ProxyProcess(MeshProcess.Start(RepoPaths.Program("Proxy", "Mesh.Proxy.dll"), arguments), proxyId, listen, admin);
    }

    /// <summary>
    /// Starts a sidecar of <paramref name="service"/> in front of the app at <paramref name="app"/>: inbound mTLS,
    /// outbound (<see cref="Port"/>, <see cref="Http"/>) and admin listeners on free loopback ports, or on the
    /// <paramref name="ports"/> of a sidecar that was stopped, to start it again in its place.
    /// </summary>
    public static ProxyProcess StartSidecar(
        int gatewayPort,
        string service,
        string app,
        string? id = null,
        IEnumerable<string>? extraArguments = null,
        (int Outbound, int Inbound, int Admin)? ports = null)
    {
        var proxyId = id ?? service + "-sidecar-" + Guid.NewGuid().ToString("N")[..8];
        var (outbound, inbound, admin) = ports ?? (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var arguments = new List<string>
        {
            "--Mesh:Proxy:Mode=sidecar",
            $"--Mesh:Proxy:Id={proxyId}",
            $"--Mesh:Proxy:AdminUrls=http://127.0.0.1:{admin}",
            $"--Mesh:Sidecar:Service={service}",
            $"--Mesh:Sidecar:App={app}",
            $"--Mesh:Sidecar:InboundUrls=https://127.0.0.1:{inbound}",
            $"--Mesh:Sidecar:OutboundUrls=http://127.0.0.1:{outbound}",
            $"--Orleans:GatewayPort={gatewayPort}",
        };
        arguments.AddRange(extraArguments ?? []);
        return new ProxyProcess(MeshProcess.Start(RepoPaths.Program("Proxy", "Mesh.Proxy.dll"), arguments), proxyId, outbound, admin, inbound);
    }

    /// <summary>This proxy once it is ready; stopped, and the failure passed on, if it never gets there.</summary>
    public async Task<ProxyProcess> ReadyAsync(TimeSpan? deadline = null)
    {
        try
        {
            await WaitUntilReadyAsync(deadline);
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <c>/readyz</c> until 200 (a snapshot is applied); fails with the proxy's own output if it exits or never gets ready.</summary>
    public Task WaitUntilReadyAsync(TimeSpan? deadline = null) =>
        Process.WaitUntilAnswersAsync(new Uri(Admin.BaseAddress!, "/readyz"), $"proxy {Id} (admin port {AdminPort})", deadline ?? TimeSpan.FromSeconds(60));

    /// <summary>The catalog version the proxy applied, from <c>GET /config</c>.</summary>
    public async Task<long> AppliedVersionAsync() => (long)(await ConfigAsync())["version"]!;

    /// <summary><c>GET /config</c>: <c>{"version": N, "snapshot": {...}}</c>.</summary>
    public async Task<JsonNode> ConfigAsync()
    {
        using var response = await Admin.GetAsync("/config");
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    /// <summary>Polls <c>/config</c> until the proxy applied <paramref name="atLeast"/> or newer; returns the version it holds.</summary>
    public async Task<long> WaitForVersionAsync(long atLeast, TimeSpan? deadline = null)
    {
        try
        {
            return await Eventually.ReturnsAsync(
                async () =>
                {
                    ThrowIfExited("while waiting for a catalog version");
                    return await AppliedVersionAsync();
                },
                version => version >= atLeast,
                $"proxy {Id} to apply catalog version {atLeast}",
                deadline ?? TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Process.Output}", e);
        }
    }

    /// <summary><c>GET /metrics</c> on the admin port: Prometheus text.</summary>
    public async Task<string> MetricsAsync()
    {
        using var response = await Admin.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>SIGTERM, then wait for the process to exit.</summary>
    public Task StopAsync() => Process.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await Process.DisposeAsync();
    }

    private void ThrowIfExited(string when)
    {
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"proxy {Id} exited with {Process.ExitCode} {when}:\n{Process.Output}");
        }
    }
}
