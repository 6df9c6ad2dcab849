using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Harness;

/// <summary>An edge proxy process on free loopback ports, in cluster mode (PostgreSQL) or next to one embedded silo.</summary>
public sealed class EdgeProcess : IAsyncDisposable
{
    private EdgeProcess(MeshProcess process, string id, int port, int adminPort)
    {
        Process = process;
        Id = id;
        Port = port;
        AdminPort = adminPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public MeshProcess Process { get; }

    public string Id { get; }

    public int Port { get; }

    public int AdminPort { get; }

    /// <summary>Where clients send requests.</summary>
    public HttpClient Http { get; }

    /// <summary><c>/healthz</c>, <c>/readyz</c>, <c>/config</c>.</summary>
    public HttpClient Admin { get; }

    public static EdgeProcess Start(string? connectionString = null, int? gatewayPort = null)
    {
        var id = "edge-" + Guid.NewGuid().ToString("N")[..6];
        var port = FreePort.Next();
        var adminPort = FreePort.Next();
        var arguments = new List<string>
        {
            $"--Mesh:Proxy:Id={id}",
            $"--Mesh:Proxy:Urls=http://127.0.0.1:{port}",
            $"--Mesh:Proxy:AdminUrls=http://127.0.0.1:{adminPort}",
        };
        arguments.Add(connectionString is not null ? $"--ConnectionStrings:Mesh={connectionString}" : $"--Orleans:GatewayPort={gatewayPort ?? throw new ArgumentException("an embedded edge needs the silo's gateway port")}");
        return new EdgeProcess(MeshProcess.Start(RepoPaths.Program("Proxy", "Mesh.Proxy.dll"), arguments), id, port, adminPort);
    }

    /// <summary>The catalog version the edge has applied (<c>/config</c>).</summary>
    public async Task<long> AppliedVersionAsync()
    {
        var config = JsonNode.Parse(await Admin.GetStringAsync("/config"))!;
        return (long)config["version"]!;
    }

    /// <summary>Waits until the edge has applied <paramref name="version"/> or a newer one.</summary>
    public async Task WaitForVersionAsync(long version, TimeSpan? deadline = null)
    {
        try
        {
            await Eventually.HoldsAsync(async () => await AppliedVersionAsync() >= version, $"edge to apply catalog version {version}", deadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; edge output:\n{Process.Output}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await Process.DisposeAsync();
    }
}
