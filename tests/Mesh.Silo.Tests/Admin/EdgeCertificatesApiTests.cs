using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>
/// Edge TLS certificates over HTTP (admin-api.md, "Edge TLS certificates"), against a real silo: the private key goes
/// in and never comes out (not in GET, the configuration document, its history or diffs), bad certificates are
/// refused naming the field, and applies and rollbacks keep the key of the certificate they bring back.
/// </summary>
public sealed class EdgeCertificatesApiTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task Put_AnswersHostsNotAfterAndSha256_AndNoReadOfTheCatalogEverShowsTheKey()
    {
        using var certificate = SelfSignedCertificate.For(["api.example.test", "*.apps.example.test"]);

        using var put = await Http.PutJsonAsync("/api/v1/certificates/api", certificate.Document());
        var answer = await put.ReadJsonAsync();
        var version = put.ConfigVersion();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["api.example.test", "*.apps.example.test"], answer["hosts"]!.AsArray().Select(h => (string)h!));
        Assert.Equal(certificate.Sha256, (string?)answer["sha256"]);
        Assert.Equal(new DateTimeOffset(certificate.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), answer["notAfter"]!.GetValue<DateTimeOffset>());
        Assert.Null(answer["privateKey"]);
        var get = await Http.GetOkJsonAsync("/api/v1/certificates/api");
        Assert.Equal(certificate.Sha256, (string?)get["sha256"]);
        Assert.Equal(certificate.CertificatePem, (string?)get["certificate"]);
        foreach (var path in new[] { "/api/v1/certificates/api", "/api/v1/certificates", "/api/v1/config", $"/api/v1/config/history/{version}", $"/api/v1/config/diff?from={version}&to={version}" })
        {
            Assert.DoesNotContain("PRIVATE KEY", (await Http.GetOkJsonAsync(path)).ToJsonString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("PRIVATE KEY", fixture.Silo.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_OfAnExpiredCertificate_AKeyThatDoesNotMatch_OrAHostNotInItsNames_Is400NamingTheField_AndStoresNothing()
    {
        using var expired = SelfSignedCertificate.For(["old.example.test"], notAfter: DateTimeOffset.UtcNow.AddDays(-1), notBefore: DateTimeOffset.UtcNow.AddDays(-30));
        using var good = SelfSignedCertificate.For("good.example.test");
        using var stranger = SelfSignedCertificate.For("good.example.test");
        var before = (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString();

        var expiredFields = await Http.PutRefusedFieldsAsync("/api/v1/certificates/refused-expired", expired.Document());
        var mismatchFields = await Http.PutRefusedFieldsAsync("/api/v1/certificates/refused-key", JsonNode.Parse(good.Document())!.AsObject().With("privateKey", stranger.KeyPem).ToJsonString());
        var hostFields = await Http.PutRefusedFieldsAsync("/api/v1/certificates/refused-host", good.Document(["good.example.test", "bad.example.test"]));
        var chainFields = await Http.PutRefusedFieldsAsync("/api/v1/certificates/refused-chain", JsonNode.Parse(good.Document())!.AsObject().With("certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").ToJsonString());
        var keylessFields = await Http.PutRefusedFieldsAsync("/api/v1/certificates/refused-keyless", good.Document(withKey: false));

        Assert.Equal(["certificate"], expiredFields);
        Assert.Equal(["privateKey"], mismatchFields);
        Assert.Equal(["hosts[1]"], hostFields);
        Assert.Equal(["certificate"], chainFields);
        Assert.Equal(["privateKey"], keylessFields);
        Assert.Equal(before, (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString());
    }

    [Fact]
    public async Task ApplyWithoutKeys_KeepsTheStoredKey_AndARollbackBringsTheEarlierCertificateBackWithItsKey()
    {
        using var first = SelfSignedCertificate.For("rotating.example.test");
        using var second = SelfSignedCertificate.For("rotating.example.test");
        using var put = await Http.PutJsonAsync("/api/v1/certificates/rotating", first.Document());
        var firstVersion = put.ConfigVersion();
        (await Http.PutJsonAsync("/api/v1/certificates/rotating", second.Document())).Dispose();

        var config = await Http.GetOkJsonAsync("/api/v1/config");
        using var reapplied = await Http.PostAsync("/api/v1/config/apply?dryRun=false", new StringContent(config.ToJsonString(), Encoding.UTF8, "application/json"));
        using var rolledBack = await Http.PostAsync($"/api/v1/config/rollback/{firstVersion}", null);
        var after = await Http.GetOkJsonAsync("/api/v1/certificates/rotating");

        Assert.Equal(HttpStatusCode.OK, reapplied.StatusCode);
        Assert.Empty((await reapplied.ReadJsonAsync())["changes"]!.AsArray());
        Assert.Null(config["certificates"]!["rotating"]!["privateKey"]);
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(first.Sha256, (string?)after["sha256"]);
    }

    [Fact]
    public async Task Apply_OfANewCertificateWithoutItsKey_Is400NamingTheKeyByItsPath()
    {
        using var certificate = SelfSignedCertificate.For("new.example.test");
        var document = new JsonObject { ["certificates"] = new JsonObject { ["fresh"] = JsonNode.Parse(certificate.Document(withKey: false)) } };

        using var refused = await Http.PostAsync("/api/v1/config/apply?prune=false", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["certificates.fresh.privateKey"], await refused.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Delete_RemovesIt_AndASecondDeleteIs404()
    {
        using var certificate = SelfSignedCertificate.For("gone.example.test");
        (await Http.PutJsonAsync("/api/v1/certificates/gone", certificate.Document())).Dispose();

        using var deleted = await Http.DeleteAsync("/api/v1/certificates/gone");
        using var again = await Http.DeleteAsync("/api/v1/certificates/gone");
        using var get = await Http.GetAsync("/api/v1/certificates/gone");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}

internal static class JsonObjectEdits
{
    public static JsonObject With(this JsonObject document, string field, string value)
    {
        document[field] = value;
        return document;
    }
}
