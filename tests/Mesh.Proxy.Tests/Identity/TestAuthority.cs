using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Proxy.Identity;

namespace Mesh.Proxy.Tests.Identity;

/// <summary>A throwaway root that issues leaves the way the mesh does, for trust decisions without a silo.</summary>
internal sealed class TestAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestAuthority()
    {
        var request = new CertificateRequest("CN=Test root", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Issue(string spiffeId, DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=leaf", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(spiffeId));
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using var leaf = request.Create(Root, notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1), notAfter ?? DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(16));
        return leaf.CopyWithPrivateKey(key);
    }

    /// <summary>What a proxy holds after enrolling as <paramref name="service"/> with this root.</summary>
    public WorkloadCredentials Credentials(string service)
    {
        var certificate = Issue($"spiffe://mesh.local/service/{service}");
        return new WorkloadCredentials(certificate, Root, SslStreamCertificateContext.Create(certificate, null, offline: true), DateTimeOffset.UtcNow.AddMinutes(30));
    }

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }
}
