using Mesh.Testing;

namespace Mesh.Deploy.Tests.Launcher;

/// <summary>
/// <c>./mesh</c> with a private state folder and free ports, so it never meets a developer's own <c>./mesh up</c>.
/// Disposing runs <c>./mesh down</c> and then kills any process it had recorded, so a failed test leaves nothing behind.
/// </summary>
public sealed class LauncherRun : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    public LauncherRun()
    {
        StateDirectory = Directory.CreateTempSubdirectory("mesh-launcher-").FullName;
        EdgePort = FreePort.Next();
        EdgeAdminPort = FreePort.Next();
        AdminPorts = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
        AppPorts = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
        _environment = new Dictionary<string, string>
        {
            ["MESH_STATE_DIR"] = StateDirectory,
            ["MESH_CONFIGURATION"] = RepoPaths.Configuration,
            ["MESH_EDGE_PORT"] = EdgePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MESH_EDGE_ADMIN_PORT"] = EdgeAdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MESH_ADMIN_PORTS"] = string.Join(' ', AdminPorts),
            ["MESH_SILO_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
            ["MESH_GATEWAY_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
            ["MESH_APP_PORTS"] = string.Join(' ', AppPorts),
            ["MESH_SIDECAR_INBOUND_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
            ["MESH_SIDECAR_OUTBOUND_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
            ["MESH_SIDECAR_ADMIN_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
            ["MESH_READY_TIMEOUT"] = "90",
        };
    }

    public string StateDirectory { get; }

    public int EdgePort { get; }

    public int EdgeAdminPort { get; }

    public int[] AdminPorts { get; }

    /// <summary>With <c>--samples</c>: the orders app, the inventory app, then the greeter app.</summary>
    public int[] AppPorts { get; }

    /// <summary>The process ids <c>./mesh up</c> recorded, by component.</summary>
    public Dictionary<string, int> RecordedPids()
    {
        var run = Path.Combine(StateDirectory, "run");
        return !Directory.Exists(run)
            ? []
            : Directory.GetFiles(run, "*.pid").ToDictionary(
                f => Path.GetFileNameWithoutExtension(f),
                f => int.Parse(File.ReadAllText(f).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<Command> RunAsync(params string[] arguments) =>
        Command.RunAsync(Path.Combine(RepoPaths.Root, "mesh"), arguments, RepoPaths.Root, _environment, TimeSpan.FromMinutes(3));

    /// <summary>Whether a process with this id still runs (a zombie waiting for its reaper does not count).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? "";
            return !status.Contains('Z', StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var pids = RecordedPids();
        try
        {
            await RunAsync("down");
        }
        finally
        {
            foreach (var pid in pids.Values.Where(IsRunning))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // Gone meanwhile.
                }
            }

            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
