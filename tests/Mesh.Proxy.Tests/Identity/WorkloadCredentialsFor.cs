using System.Net.Security;
using Mesh.Proxy.Identity;
using Mesh.Testing;

namespace Mesh.Proxy.Tests.Identity;

internal static class WorkloadCredentialsFor
{
    /// <summary>What a proxy holds after enrolling as <paramref name="service"/> with <paramref name="authority"/>.</summary>
    public static WorkloadCredentials Service(TestCertificateAuthority authority, string service)
    {
        var certificate = authority.Issue($"spiffe://mesh.local/service/{service}");
        return new WorkloadCredentials(certificate, authority.Root, SslStreamCertificateContext.Create(certificate, null, offline: true), DateTimeOffset.UtcNow.AddMinutes(30));
    }
}
