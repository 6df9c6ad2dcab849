using Mesh.Proxy.EndToEnd.Tests.RateLimiting;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>
/// Three edges on a silo that lets an edge's "unknown key id" trigger a key set refetch every second rather than
/// every minute, so a signing key rotation is seen within the test's patience. Everything else is the default.
/// </summary>
public sealed class AccessFixture : ThreeEdgesFixture
{
    protected override IEnumerable<string> SiloArguments => ["--Mesh:Jwks:MinRefetchInterval=1s"];
}
