using Mesh.Testing;

namespace Mesh.Silo.Tests.Hosting;

/// <summary>A silo that cannot start says why in one line and exits non-zero.</summary>
public sealed class SiloStartupTests
{
    private const string FailurePrefix = "mesh-silo: cannot start:";

    [Fact]
    public async Task Start_OnANonLoopbackAddressWithoutToken_RefusesNamingTheTokenKey()
    {
        var line = await FailureLineAsync(["--Mesh:Admin:Urls=http://0.0.0.0:" + FreePort.Next()]);

        Assert.Contains("Mesh:Admin:Token", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAPortThatIsNotANumber_RefusesNamingTheKey()
    {
        var line = await FailureLineAsync(["--Orleans:SiloPort=eleven"]);

        Assert.Contains("Orleans:SiloPort", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithABadTrustDomain_RefusesNamingTheKey()
    {
        var line = await FailureLineAsync(["--Mesh:TrustDomain=not a domain"]);

        Assert.Contains("Mesh:TrustDomain", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAnUnreachableDatabase_RefusesNamingTheDatabase()
    {
        var closedPort = FreePort.Next();

        var line = await FailureLineAsync([$"--ConnectionStrings:Mesh=Host=127.0.0.1;Port={closedPort};Username=mesh;Database=mesh;Timeout=3"]);

        Assert.Contains($"cannot reach PostgreSQL at 127.0.0.1:{closedPort}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenTheAdminPortIsTaken_ExitsNonZero()
    {
        await using var first = SiloProcess.Start();
        await first.WaitUntilReadyAsync();

        var line = await FailureLineAsync([$"--Mesh:Admin:Urls=http://127.0.0.1:{first.AdminPort}"]);

        Assert.Contains("address", line, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> FailureLineAsync(string[] arguments)
    {
        var defaults = new[] { $"--Orleans:SiloPort={FreePort.Next()}", $"--Orleans:GatewayPort={FreePort.Next()}", $"--Mesh:Admin:Urls=http://127.0.0.1:{FreePort.Next()}" };
        var keys = arguments.Select(a => a.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        await using var silo = MeshProcess.Start(RepoPaths.SiloAssembly, defaults.Where(d => !keys.Contains(d.Split('=')[0])).Concat(arguments));

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var failures = silo.Output.Split('\n').Where(l => l.StartsWith(FailurePrefix, StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 1, $"expected one '{FailurePrefix}' line:\n{silo.Output}");
        return failures[0];
    }
}
