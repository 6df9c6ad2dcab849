using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Contracts.Identity;

namespace Mesh.Proxy.Identity;

/// <summary>
/// Gets a certificate the way architecture.md describes: a fresh ECDSA P-256 key that never leaves this
/// process (but for the proxy's own state file), a CSR for it, the leaf signed by the service's identity
/// grain, and the mesh root beside it.
/// </summary>
internal static class CertificateEnrollment
{
    public static async Task<WorkloadCredentials> EnrollAsync(IClusterClient client, string service, string trustDomain, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest($"CN={service}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var root = await client.GetGrain<ICertificateAuthorityGrain>(trustDomain).GetRootPemAsync();
        var result = await client.GetGrain<IIdentityGrain>(service).IssueAsync(csr);
        if (result.Certificate is not { } issued)
        {
            throw new InvalidOperationException($"the control plane refused this proxy's certificate request: {result.Error}");
        }

        // Half the life left from now, not from NotBefore: the issuer back-dates NotBefore for clock skew.
        return Assemble(issued.CertificatePem, key.ExportPkcs8PrivateKeyPem(), root, now + (issued.NotAfter - now) / 2);
    }

    public static WorkloadCredentials Assemble(string certificatePem, string keyPem, string rootPem, DateTimeOffset renewAt)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        var root = X509Certificate2.CreateFromPem(rootPem);

        // Offline: the leaf names no place to fetch anything from, and a handshake must never wait on the network.
        var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        return new WorkloadCredentials(certificate, root, context, renewAt);
    }
}
