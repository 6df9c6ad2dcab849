using Mesh.Testing;

namespace Mesh.Deploy.Tests.Images;

/// <summary>deploy/silo-entrypoint.sh: each silo container advertises its own address, found with /bin/sh alone.</summary>
public sealed class SiloEntrypointTests : IDisposable
{
    private const string Hosts = """
        127.0.0.1	localhost
        ::1	localhost ip6-localhost ip6-loopback
        # a comment
        fd00::4	3f2a1b9c0d11
        172.18.0.4	3f2a1b9c0d11
        172.18.0.9	other-container
        """;

    private readonly string _hostsFile = Path.GetTempFileName();

    public SiloEntrypointTests() => File.WriteAllText(_hostsFile, Hosts + "\n");

    [Fact]
    public async Task Entrypoint_AdvertisesTheContainersOwnIPv4Address()
    {
        var result = await RunAsync("3f2a1b9c0d11");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("172.18.0.4", result.Output.Trim());
    }

    [Fact]
    public async Task Entrypoint_KeepsAnAddressGivenExplicitly()
    {
        var result = await RunAsync("3f2a1b9c0d11", advertised: "10.1.2.3");

        Assert.Equal("10.1.2.3", result.Output.Trim());
    }

    [Fact]
    public async Task Entrypoint_WithoutAnAddressForItsHostName_FailsWithOneLine()
    {
        var result = await RunAsync("unknown-host");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("cannot start: no IPv4 address for host name 'unknown-host'", result.Errors.Trim(), StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_hostsFile);

    private Task<Command> RunAsync(string hostName, string? advertised = null)
    {
        var environment = new Dictionary<string, string> { ["HOSTNAME"] = hostName, ["MESH_HOSTS_FILE"] = _hostsFile };
        if (advertised is not null)
        {
            environment["Orleans__AdvertisedIP"] = advertised;
        }

        // Run by sh, as the image's /bin/sh would, with printenv standing in for the silo.
        return Command.RunAsync("sh", [Path.Combine(RepoPaths.Root, "deploy", "silo-entrypoint.sh"), "printenv", "Orleans__AdvertisedIP"], environment: environment);
    }
}
