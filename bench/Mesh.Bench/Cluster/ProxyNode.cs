using System.Text.Json;
using Mesh.Bench.Cli;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Cluster;

/// <summary>One edge proxy, an Orleans client of the silo's gateway, with its data and admin listeners on free ports.</summary>
internal sealed class ProxyNode : IAsyncDisposable
{
    private ProxyNode(string id, ChildProcess process, int port, int adminPort)
    {
        Id = id;
        Process = process;
        Base = new Uri($"http://127.0.0.1:{port}");
        AdminBase = new Uri($"http://127.0.0.1:{adminPort}");
    }

    public string Id { get; }

    public ChildProcess Process { get; }

    /// <summary>Where clients connect.</summary>
    public Uri Base { get; }

    /// <summary><c>/readyz</c>, <c>/config</c>, <c>/circuits</c>, <c>/metrics</c>.</summary>
    public Uri AdminBase { get; }

    /// <summary>For the harness's own reads of the admin listener, not for load.</summary>
    public HttpClient Http { get; } = BenchHttp.Create(4);

    public static ProxyNode Start(RepoLayout repo, string id, int gatewayPort)
    {
        var (port, admin) = (FreePort.Next(), FreePort.Next());
        var process = ChildProcess.Start(id, repo.ProxyAssembly,
        [
            $"--Mesh:Proxy:Id={id}",
            $"--Mesh:Proxy:Urls=http://127.0.0.1:{port}",
            $"--Mesh:Proxy:AdminUrls=http://127.0.0.1:{admin}",
            $"--Orleans:GatewayPort={gatewayPort}",
        ]);
        return new ProxyNode(id, process, port, admin);
    }

    public async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var ready = await Poll.UntilAsync(
            async ct => !Process.HasExited && (await Http.GetAsync(new Uri(AdminBase, "/readyz"), ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(90),
            cancellationToken);
        if (ready is null || Process.HasExited)
        {
            throw new BenchFailedException($"proxy {Id} not ready:\n{Process.Tail}");
        }
    }

    /// <summary>The state of <paramref name="service"/>'s circuit on <c>/circuits</c>, or null when this proxy does not know it.</summary>
    public async Task<string?> CircuitStateAsync(string service, CancellationToken cancellationToken)
    {
        await using var body = await Http.GetStreamAsync(new Uri(AdminBase, "/circuits"), cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return json.RootElement.TryGetProperty(service, out var circuit) && circuit.TryGetProperty("state", out var state) ? state.GetString() : null;
    }

    /// <summary>The applied snapshot on <c>/config</c>.</summary>
    public async Task<JsonDocument> ConfigAsync(CancellationToken cancellationToken)
    {
        await using var body = await Http.GetStreamAsync(new Uri(AdminBase, "/config"), cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    public Task<string> MetricsAsync(CancellationToken cancellationToken) => Http.GetStringAsync(new Uri(AdminBase, "/metrics"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
