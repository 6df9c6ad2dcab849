using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Mesh.Proxy.Identity;

/// <summary>One issued leaf with its private key, the mesh root it chains to, and when to renew it.</summary>
internal sealed record WorkloadCredentials(
    X509Certificate2 Certificate,
    X509Certificate2 Root,
    SslStreamCertificateContext ServerContext,
    DateTimeOffset RenewAt)
{
    public string Serial => Certificate.SerialNumber;

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());
}
