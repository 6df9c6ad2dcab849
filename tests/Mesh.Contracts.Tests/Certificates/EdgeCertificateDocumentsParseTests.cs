using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Certificates;

public sealed class EdgeCertificateDocumentsParseTests
{
    [Fact]
    public void Parse_OfAChainWithItsKey_ReadsHostsFingerprintAndExpiry_AndKeepsTheKeyOnlyInTheSpec()
    {
        using var root = Issue("CN=Test root", null, ca: true);
        using var intermediate = Issue("CN=Test intermediate", root.Certificate, ca: true);
        using var leaf = Issue("CN=api.example.test", intermediate.Certificate, ca: false, "api.example.test", "*.example.test");
        var chain = leaf.Pem + intermediate.Pem;

        var (spec, errors) = Parse(new EdgeCertificateDocument { Certificate = chain, PrivateKey = leaf.KeyPem, Hosts = ["API.example.test", "*.example.test", "shop.example.test"] });

        ErrorAssert.None(errors);
        Assert.Equal(["api.example.test", "*.example.test", "shop.example.test"], spec.Hosts.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(leaf.Certificate.RawData)), spec.Sha256);
        Assert.Equal(leaf.Certificate.NotAfter.ToUniversalTime(), spec.NotAfter.UtcDateTime);
        Assert.Equal(leaf.KeyPem, spec.PrivateKey);
        Assert.Null(spec.WithoutKey().PrivateKey);
        Assert.DoesNotContain("PRIVATE KEY", spec.ToString(), StringComparison.Ordinal);
        Assert.Null(EdgeCertificateDocuments.From("api", spec).PrivateKey);
    }

    [Fact]
    public void Parse_OfAKeyThatIsNotTheLeafs_NamesPrivateKey()
    {
        using var leaf = Issue("CN=api.example.test", null, ca: false, "api.example.test");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = leaf.Pem, PrivateKey = other.ExportPkcs8PrivateKeyPem(), Hosts = ["api.example.test"] });

        ErrorAssert.Only(errors, "privateKey", "does not match the certificate: it is not the key of the leaf (the first certificate)");
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----")]
    public void Parse_OfAKeyThatIsNotAnUnencryptedPemKey_NamesPrivateKey(string key)
    {
        using var leaf = Issue("CN=api.example.test", null, ca: false, "api.example.test");

        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = leaf.Pem, PrivateKey = key, Hosts = ["api.example.test"] });

        ErrorAssert.Keys(errors, "privateKey");
    }

    [Theory]
    [InlineData(null, "is required: the PEM certificate, the leaf first, then its intermediates")]
    [InlineData("hello", "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")]
    public void Parse_OfNoCertificate_NamesCertificate(string? certificate, string message)
    {
        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = certificate, Hosts = ["api.example.test"] });

        ErrorAssert.Only(errors, "certificate", message);
    }

    [Fact]
    public void Parse_OfACertificateThatDoesNotDecode_NamesCertificate()
    {
        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", Hosts = ["api.example.test"] });

        ErrorAssert.Keys(errors, "certificate");
        Assert.StartsWith("does not parse as PEM certificates", errors.ToDictionary()["certificate"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfAChainOutOfOrder_NamesCertificate()
    {
        using var root = Issue("CN=Test root", null, ca: true);
        using var leaf = Issue("CN=api.example.test", root.Certificate, ca: false, "api.example.test");

        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = root.Pem + leaf.Pem, Hosts = ["api.example.test"] });

        ErrorAssert.Keys(errors, "certificate");
        Assert.Contains("the chain is out of order", errors.ToDictionary()["certificate"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfHostsTheCertificateDoesNotCover_NamesEachHost()
    {
        using var leaf = Issue("CN=api.example.test", null, ca: false, "api.example.test", "*.apps.example.test");

        var (_, errors) = Parse(new EdgeCertificateDocument
        {
            Certificate = leaf.Pem,
            Hosts = ["api.example.test", "shop.apps.example.test", "deep.shop.apps.example.test", "*.example.test", "other.test"],
        });

        ErrorAssert.Keys(errors, "hosts[2]", "hosts[3]", "hosts[4]");
        Assert.Equal("'other.test' is not covered by the certificate's names (api.example.test, *.apps.example.test)", errors.ToDictionary()["hosts[4]"].Single());
    }

    [Fact]
    public void Parse_OfABadHostBeforeAnUncoveredOne_NamesOnlyTheBadHost_NotAShiftedIndex()
    {
        using var leaf = Issue("CN=api.example.test", null, ca: false, "api.example.test");

        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = leaf.Pem, Hosts = ["bad host", "api.example.test", "other.test"] });

        ErrorAssert.Keys(errors, "hosts[0]");
    }

    [Theory]
    [InlineData(new string[0], "hosts")]
    [InlineData(new[] { "api.example.test:443" }, "hosts[0]")]
    [InlineData(new[] { "api.example.test", "API.example.test" }, "hosts[1]")]
    public void Parse_OfBadHosts_NamesTheField(string[] hosts, string field)
    {
        using var leaf = Issue("CN=api.example.test", null, ca: false, "api.example.test");

        var (_, errors) = Parse(new EdgeCertificateDocument { Certificate = leaf.Pem, Hosts = hosts });

        ErrorAssert.Keys(errors, field);
    }

    [Theory]
    [InlineData("api.example.test", "api.example.test", true)]
    [InlineData("*.example.test", "api.example.test", true)]
    [InlineData("*.example.test", "deep.api.example.test", false)]
    [InlineData("*.example.test", "example.test", false)]
    [InlineData("*.example.test", "*.example.test", true)]
    [InlineData("api.example.test", "*.example.test", false)]
    public void Covers_MatchesAsTlsClientsDo(string name, string host, bool covered) =>
        Assert.Equal(covered, EdgeCertificateDocuments.Covers(name, host));

    private static (EdgeCertificateSpec Spec, ValidationErrors Errors) Parse(EdgeCertificateDocument document)
    {
        var errors = new ValidationErrors();
        return (EdgeCertificateDocuments.Parse(document, errors), errors);
    }

    private static Issued Issue(string subject, X509Certificate2? issuer, bool ca, params string[] dnsNames)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (dnsNames.Length > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                names.AddDnsName(name);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        var certificate = issuer is null
            ? request.CreateSelfSigned(notBefore, notAfter)
            : request.Create(issuer, notBefore, new DateTimeOffset(issuer.NotAfter.ToUniversalTime(), TimeSpan.Zero).AddMinutes(-1), RandomNumberGenerator.GetBytes(8)).CopyWithPrivateKey(key);
        return new Issued(certificate, key);
    }

    private sealed class Issued(X509Certificate2 certificate, ECDsa key) : IDisposable
    {
        public X509Certificate2 Certificate { get; } = certificate;

        public string Pem => Certificate.ExportCertificatePem() + "\n";

        public string KeyPem { get; } = key.ExportPkcs8PrivateKeyPem();

        public void Dispose()
        {
            Certificate.Dispose();
            key.Dispose();
        }
    }
}
