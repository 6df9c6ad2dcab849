using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Mesh.Proxy.Tls;

/// <summary>What a TLS listener presents, from PEM: the leaf (the chain's first certificate) with its key, and the rest of the chain sent along.</summary>
internal static class TlsCertificateContexts
{
    /// <exception cref="System.Security.Cryptography.CryptographicException">The PEM does not parse.</exception>
    /// <exception cref="ArgumentException">The key is missing or is not the leaf's.</exception>
    public static SslStreamCertificateContext FromPem(string chainPem, string keyPem)
    {
        var leaf = X509Certificate2.CreateFromPem(chainPem, keyPem);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        return SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(chain.Skip(1).ToArray()), offline: true);
    }
}
