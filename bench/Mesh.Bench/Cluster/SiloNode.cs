using Mesh.Bench.Cli;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Cluster;

/// <summary>One silo in the embedded default (localhost clustering, memory storage) on free ports.</summary>
internal sealed class SiloNode : IAsyncDisposable
{
    private SiloNode(ChildProcess process, int adminPort, int gatewayPort)
    {
        Process = process;
        GatewayPort = gatewayPort;
        Admin = new AdminClient(new Uri($"http://127.0.0.1:{adminPort}"));
    }

    public ChildProcess Process { get; }

    public int GatewayPort { get; }

    public AdminClient Admin { get; }

    public static SiloNode Start(RepoLayout repo)
    {
        var (admin, silo, gateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var process = ChildProcess.Start("silo", repo.SiloAssembly,
        [
            $"--Mesh:Admin:Urls=http://127.0.0.1:{admin}",
            $"--Orleans:SiloPort={silo}",
            $"--Orleans:GatewayPort={gateway}",
        ]);
        return new SiloNode(process, admin, gateway);
    }

    public async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var ready = await Poll.UntilAsync(
            async ct => !Process.HasExited && (await Admin.Http.GetAsync(new Uri(Admin.Base, "/readyz"), ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(90),
            cancellationToken);
        if (ready is null || Process.HasExited)
        {
            throw new BenchFailedException($"silo not ready:\n{Process.Tail}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Process.DisposeAsync();
    }
}
