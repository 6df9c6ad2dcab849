using System.Net.Http.Headers;

namespace Mesh.Testing;

/// <summary>A silo process on free loopback ports, with an HTTP client for its admin API.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private SiloProcess(MeshProcess process, int adminPort, int siloPort, int gatewayPort, string? token)
    {
        Process = process;
        AdminPort = adminPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public MeshProcess Process { get; }

    public int AdminPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public HttpClient Http { get; }

    public static SiloProcess Start(
        string? connectionString = null,
        string? token = null,
        int? siloPort = null,
        int? gatewayPort = null,
        int? adminPort = null,
        IEnumerable<string>? extraArguments = null)
    {
        var admin = adminPort ?? FreePort.Next();
        var silo = siloPort ?? FreePort.Next();
        var gateway = gatewayPort ?? FreePort.Next();
        var arguments = new List<string>
        {
            $"--Mesh:Admin:Urls=http://127.0.0.1:{admin}",
            $"--Orleans:SiloPort={silo}",
            $"--Orleans:GatewayPort={gateway}",
        };
        if (connectionString is not null)
        {
            arguments.Add($"--ConnectionStrings:Mesh={connectionString}");
        }

        if (token is not null)
        {
            arguments.Add($"--Mesh:Admin:Token={token}");
        }

        arguments.AddRange(extraArguments ?? []);
        return new SiloProcess(MeshProcess.Start(RepoPaths.SiloAssembly, arguments), admin, silo, gateway, token);
    }

    /// <summary>Polls <c>/readyz</c>; fails with the silo's own output if it exits or never gets ready.</summary>
    public Task WaitUntilReadyAsync(TimeSpan? deadline = null) =>
        Process.WaitUntilAnswersAsync(new Uri(Http.BaseAddress!, "/readyz"), $"silo on admin port {AdminPort}", deadline ?? TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
