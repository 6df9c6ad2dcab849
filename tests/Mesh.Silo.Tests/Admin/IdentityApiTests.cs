using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>The identity, CA and authorization routes of the admin API over HTTP.</summary>
public sealed class IdentityApiTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task CertificateForACsr_NamesTheServiceAndChainsToTheServedRoot_AndCanBeRevoked()
    {
        await Http.PutJsonAsync("/api/v1/services/inventory", "{}");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=inventory", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var rootResponse = await Http.GetAsync("/api/v1/ca/root");
        var issued = await Http.PostAsync("/api/v1/identities/inventory/certificates", new StringContent(csr, Encoding.ASCII, "application/pkcs10"));
        var document = await issued.ReadJsonAsync();
        var listed = await (await Http.GetAsync("/api/v1/identities/inventory/certificates")).ReadJsonAsync();
        var revoked = await Http.DeleteAsync($"/api/v1/identities/inventory/certificates/{(string?)document["serial"]}");
        var again = await Http.DeleteAsync($"/api/v1/identities/inventory/certificates/{(string?)document["serial"]}");

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("spiffe://mesh.local/service/inventory", (string?)document["spiffeId"]);
        using var root = X509Certificate2.CreateFromPem(await rootResponse.Content.ReadAsStringAsync());
        using var leaf = X509Certificate2.CreateFromPem((string)document["certificate"]!);
        using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
        chain.ChainPolicy.CustomTrustStore.Add(root);
        Assert.True(chain.Build(leaf));
        Assert.Contains(listed.AsArray(), c => (string?)c!["serial"] == (string?)document["serial"]);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task CertificateForGarbage_Answers400NamingTheCsr_AndForAnUnknownService404()
    {
        await Http.PutJsonAsync("/api/v1/services/garbage", "{}");

        var garbage = await Http.PostAsync("/api/v1/identities/garbage/certificates", new StringContent("hello", Encoding.ASCII, "text/plain"));
        var unknown = await Http.PostAsync("/api/v1/identities/nobody/certificates", new StringContent("hello", Encoding.ASCII, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(["csr"], await garbage.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AuthzPolicy_RoundTripsAppearsInConfigAndIsValidated()
    {
        await Http.PutJsonAsync("/api/v1/services/guarded", "{}");

        var put = await Http.PutJsonAsync("/api/v1/authz/guarded", """{ "allow": [ { "from": ["web"], "methods": ["GET"], "paths": ["/api/*"] } ] }""");
        var config = await (await Http.GetAsync("/api/v1/config")).ReadJsonAsync();
        var bad = await Http.PutJsonAsync("/api/v1/authz/guarded", """{ "allow": [ { "from": [], "paths": ["api"] } ] }""");
        var unknown = await Http.PutJsonAsync("/api/v1/authz/nobody", """{ "allow": [] }""");
        var read = await (await Http.GetAsync("/api/v1/authz/guarded")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("web", (string?)config["authz"]!["guarded"]!["allow"]![0]!["from"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["allow[0].from", "allow[0].paths[0]"], await bad.ProblemFieldsAsync());
        Assert.Equal("/api/*", (string?)read["allow"]![0]!["paths"]![0]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/v1/authz/guarded")).StatusCode);
    }
}
