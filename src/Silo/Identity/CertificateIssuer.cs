using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Contracts.Identity;

namespace Mesh.Silo.Identity;

/// <summary>
/// Makes the mesh root and signs leaves. A leaf carries exactly one name, the SPIFFE URI of its service,
/// whatever the CSR asked for: the CSR only contributes its public key, and only when its signature holds.
/// </summary>
internal static class CertificateIssuer
{
    private static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static (string CertificatePem, string KeyPem) CreateRoot(string trustDomain, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Mesh root CA, O={trustDomain}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var root = request.CreateSelfSigned(now - ClockSkew, now + RootLifetime);
        return (root.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public static SigningResult Sign(string rootPem, string rootKeyPem, string trustDomain, string service, string csrPem, TimeSpan lifetime, DateTimeOffset now)
    {
        CertificateRequest csr;
        try
        {
            csr = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return new SigningResult(null, "is not a PEM certificate signing request with a valid signature");
        }

        using var root = X509Certificate2.CreateFromPem(rootPem, rootKeyPem);
        var leaf = new CertificateRequest(new X500DistinguishedName($"CN={service}"), csr.PublicKey, HashAlgorithmName.SHA256);
        leaf.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leaf.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement, true));
        leaf.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        leaf.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leaf.PublicKey, false));
        leaf.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(SpiffeIds.For(trustDomain, service)));
        leaf.CertificateExtensions.Add(names.Build(critical: true));

        // A leaf may not outlive its root.
        var notBefore = now - ClockSkew;
        var notAfter = now + lifetime < root.NotAfter ? now + lifetime : new DateTimeOffset(root.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = leaf.Create(root, notBefore, notAfter, serial);
        return new SigningResult(new IssuedCertificate(service, issued.SerialNumber, issued.ExportCertificatePem(), notBefore, notAfter), null);
    }
}
