using Mesh.Proxy.EndToEnd.Tests.RateLimiting;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>
/// Three edges on a silo that lets an edge's "unknown key id" trigger a key set refetch every second rather than
/// every minute, so a signing key rotation is seen within the test's patience. Each edge writes an access log, the
/// per-request truth that analytics summarise.
/// </summary>
public sealed class AccessFixture : ThreeEdgesFixture
{
    private readonly string _logFolder = Directory.CreateTempSubdirectory("mesh-access-").FullName;

    protected override IEnumerable<string> SiloArguments => ["--Mesh:Jwks:MinRefetchInterval=1s"];

    /// <summary>Where the edge numbered <paramref name="index"/> writes its access log.</summary>
    public string AccessLogPath(int index) => Path.Combine(_logFolder, $"edge-{index}.log");

    protected override IEnumerable<string> ProxyArguments(int index) => [$"--Mesh:Proxy:AccessLog={AccessLogPath(index)}"];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_logFolder, recursive: true);
    }
}
