using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Bench.Micro.RateLimiting;

/// <summary>
/// The Release silo (embedded default) as a process on free loopback ports, started once and shared by every
/// benchmark in this process (a silo starting up on a 2-core machine would disturb the next measurement);
/// killed when this process exits.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private static readonly Lazy<Task<SiloProcess>> Shared = new(StartAsync);
    private readonly Process _process;

    private SiloProcess(Process process, int adminPort, int gatewayPort)
    {
        _process = process;
        AdminPort = adminPort;
        GatewayPort = gatewayPort;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public int AdminPort { get; }

    public int ProcessId => _process.Id;

    public int GatewayPort { get; }

    public static Task<SiloProcess> SharedAsync() => Shared.Value;

    private static async Task<SiloProcess> StartAsync()
    {
        var assembly = Path.Combine(FindRoot(), "src", "Silo", "bin", "Release", "net10.0", "Mesh.Silo.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException("build Mesh.sln in Release first (dotnet build Mesh.sln -c Release -m:1)", assembly);
        }

        var (admin, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { assembly, $"--Mesh:Admin:Urls=http://127.0.0.1:{admin}", $"--Orleans:SiloPort={silo}", $"--Orleans:GatewayPort={gateway}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new SiloProcess(process, admin, gateway);
        await node.WaitReadyAsync();
        return node;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri($"http://127.0.0.1:{AdminPort}/readyz");
        for (var until = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < until && !_process.HasExited;)
        {
            try
            {
                using var response = await http.GetAsync(ready);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Dispose();
        throw new InvalidOperationException("the silo did not get ready in 90 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Mesh.sln not found above the working directory");
    }
}
