using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mesh.Testing;

/// <summary>A throwaway self-signed ECDSA certificate for some DNS names, with its PEM forms, as an edge serves one.</summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private SelfSignedCertificate(X509Certificate2 certificate, string keyPem)
    {
        Certificate = certificate;
        KeyPem = keyPem;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    public string KeyPem { get; }

    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>The SHA-256 fingerprint as the admin API shows it.</summary>
    public string Sha256 => Convert.ToHexStringLower(Certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>Named after its first host (<c>CN=</c>), valid from a minute ago until <paramref name="notAfter"/> (a day from now).</summary>
    public static SelfSignedCertificate For(IReadOnlyList<string> hosts, DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
        return new SelfSignedCertificate(X509CertificateLoader.LoadCertificate(certificate.RawData), key.ExportPkcs8PrivateKeyPem());
    }

    public static SelfSignedCertificate For(string host) => For([host]);

    /// <summary>The admin API's document for it: <c>PUT /api/v1/certificates/{name}</c>.</summary>
    public string Document(IReadOnlyList<string>? hosts = null, bool withKey = true) => new System.Text.Json.Nodes.JsonObject
    {
        ["certificate"] = CertificatePem,
        ["privateKey"] = withKey ? KeyPem : null,
        ["hosts"] = new System.Text.Json.Nodes.JsonArray([.. (hosts ?? Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames()).Select(h => (System.Text.Json.Nodes.JsonNode?)h)]),
    }.ToJsonString();

    public void Dispose() => Certificate.Dispose();
}
