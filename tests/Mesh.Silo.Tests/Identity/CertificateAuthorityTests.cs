using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Identity;
using Mesh.Silo.Tests.Catalog;
using Mesh.Silo.Tests.Harness;

namespace Mesh.Silo.Tests.Identity;

public sealed class CertificateAuthorityTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private const string TrustDomain = "mesh.local";

    private ICertificateAuthorityGrain Authority => fixture.Client.GetGrain<ICertificateAuthorityGrain>(TrustDomain);

    private static string Csr(ECDsa key, string subject = "CN=someone-else")
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("evil.example.com");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSigningRequestPem();
    }

    [Fact]
    public async Task Root_IsCreatedOnceAndKeptAcrossReactivation()
    {
        var before = await Authority.GetRootPemAsync();

        await fixture.Cluster.DeactivateAsync(Authority);
        await fixture.Cluster.WaitForDeactivationAsync(Authority);
        var after = await Authority.GetRootPemAsync();

        Assert.Equal(before, after);
        using var root = X509Certificate2.CreateFromPem(after);
        Assert.True(root.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public async Task Issue_SignsTheCsrKeyWithTheServiceSpiffeIdAndNothingElse()
    {
        await fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog).PutAsync(ResourceKinds.Service, "orders", Specs.Service);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = await fixture.Client.GetGrain<IIdentityGrain>("orders").IssueAsync(Csr(key));

        var issued = Assert.IsType<IssuedCertificate>(result.Certificate);
        using var leaf = X509Certificate2.CreateFromPem(issued.CertificatePem);
        using var root = X509Certificate2.CreateFromPem(await Authority.GetRootPemAsync());
        Assert.Equal(["spiffe://mesh.local/service/orders"], SpiffeIds.UriNames(leaf));
        Assert.Equal("CN=orders", leaf.Subject);
        Assert.DoesNotContain("evil.example.com", leaf.Extensions["2.5.29.17"]!.Format(false), StringComparison.Ordinal);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
        var usages = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        Assert.True(leaf.NotAfter.ToUniversalTime() <= fixture.Time.GetUtcNow().AddHours(24).UtcDateTime.AddSeconds(1));
        Assert.Equal(issued.Serial, leaf.SerialNumber);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = fixture.Time.GetUtcNow().UtcDateTime;
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Theory]
    [InlineData("not a csr")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")]
    public async Task Issue_WithAMalformedCsr_IsRefusedAndRecordsNothing(string csr)
    {
        var result = await fixture.Client.GetGrain<IIdentityGrain>("refused").IssueAsync(csr);

        Assert.Null(result.Certificate);
        Assert.NotNull(result.Error);
        Assert.Empty(await fixture.Client.GetGrain<IIdentityGrain>("refused").ListAsync());
    }

    [Fact]
    public async Task Issue_WithACsrWhoseSignatureDoesNotHold_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = Csr(key);
        var body = pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();
        var der = Convert.FromBase64String(string.Concat(body));
        der[^3] ^= 0xFF;
        var forged = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        var result = await fixture.Client.GetGrain<IIdentityGrain>("forged").IssueAsync(forged);

        Assert.Null(result.Certificate);
    }

    [Fact]
    public async Task Revoke_PutsTheSerialInTheNextSnapshot()
    {
        var catalog = fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);
        await catalog.PutAsync(ResourceKinds.Service, "revoking", Specs.Service);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = (await fixture.Client.GetGrain<IIdentityGrain>("revoking").IssueAsync(Csr(key))).Certificate!;
        var before = await catalog.GetVersionAsync();

        var revoked = await fixture.Client.GetGrain<IIdentityGrain>("revoking").RevokeAsync(issued.Serial);
        var snapshot = await catalog.GetSnapshotAsync();

        Assert.True(revoked);
        Assert.True(snapshot.Version > before);
        Assert.Contains(issued.Serial, snapshot.RevokedSerials);
        Assert.False(await fixture.Client.GetGrain<IIdentityGrain>("revoking").RevokeAsync("00DEADBEEF"));
        Assert.DoesNotContain(issued.Serial, (await fixture.Client.GetGrain<IIdentityGrain>("revoking").ListAsync()).Select(c => c.Serial));
    }
}
