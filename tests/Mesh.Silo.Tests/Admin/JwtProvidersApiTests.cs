using System.Net;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>
/// JWT providers over HTTP (admin-api.md, "JWT providers"), against a real silo: the control plane fetches a
/// provider's key set and shows how that went; key sets that could never verify a token are refused.
/// </summary>
public sealed class JwtProvidersApiTests(FastJwksSiloFixture fixture) : IClassFixture<FastJwksSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task AProviderWithAJwksUri_ShowsTheKeysTheControlPlaneFetched()
    {
        using var issuer = TestTokenIssuer.Rsa("https://idp.fetched.test/", "r1");
        await using var jwks = await JwksServer.StartAsync(issuer.Jwks);

        await Http.PutJwtProviderAsync("fetched", $$"""{ "issuer": "{{issuer.Issuer}}", "jwksUri": "{{jwks.Uri}}" }""");
        var status = await Eventually.ReturnsAsync(
            () => StatusAsync("fetched"), s => (int?)s["keys"] == 1, "the key set to be fetched");

        Assert.Null(status["error"]);
        Assert.NotNull(status["fetchedAt"]);
        Assert.True(jwks.Fetches >= 1);
    }

    [Fact]
    public async Task AnUnreachableJwksUri_IsAccepted_AndGetShowsTheFetchError()
    {
        using var put = await Http.PutJsonAsync("/api/v1/jwt-providers/unreachable", $$"""{ "issuer": "https://idp.unreachable.test/", "jwksUri": "http://127.0.0.1:{{FreePort.Next()}}/jwks.json" }""");

        var status = await Eventually.ReturnsAsync(
            () => StatusAsync("unreachable"), s => (string?)s["error"] is { } error && error != "not fetched yet", "the failed fetch to be shown");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0, (int?)status["keys"]);
        Assert.NotNull(status["attemptedAt"]);
    }

    [Fact]
    public async Task WhenTheIdentityProviderGoesDown_TheLastGoodKeysAreKept_AndTheErrorShown()
    {
        using var issuer = TestTokenIssuer.Ec("https://idp.flaky.test/", "e1");
        await using var jwks = await JwksServer.StartAsync(issuer.Jwks);
        await Http.PutJwtProviderAsync("flaky", $$"""{ "issuer": "{{issuer.Issuer}}", "jwksUri": "{{jwks.Uri}}" }""");
        await Eventually.ReturnsAsync(() => StatusAsync("flaky"), s => (int?)s["keys"] == 1, "the key set to be fetched");

        jwks.GoDown();
        var status = await Eventually.ReturnsAsync(() => StatusAsync("flaky"), s => s["error"] is not null, "the failed refetch to be shown");

        Assert.Equal(1, (int?)status["keys"]);
    }

    [Fact]
    public async Task BothJwksAndJwksUri_AMalformedOrSymmetricKeySet_Are400NamingTheField_AndStoreNothing()
    {
        using var issuer = TestTokenIssuer.Rsa("https://idp.bad.test/", "r1");
        var before = (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString();

        var both = await Http.PutRefusedFieldsAsync("/api/v1/jwt-providers/refused", $$"""{ "issuer": "https://idp.bad.test/", "jwks": {{issuer.Jwks}}, "jwksUri": "https://idp.bad.test/jwks" }""");
        var malformed = await Http.PutRefusedFieldsAsync("/api/v1/jwt-providers/refused", """{ "issuer": "https://idp.bad.test/", "jwks": { "keys": [{ "kty": "RSA", "kid": "x" }] } }""");
        var symmetric = await Http.PutRefusedFieldsAsync("/api/v1/jwt-providers/refused", """{ "issuer": "https://idp.bad.test/", "jwks": { "keys": [{ "kty": "oct", "kid": "h", "k": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0" }] } }""");
        var neither = await Http.PutRefusedFieldsAsync("/api/v1/jwt-providers/refused", """{ "issuer": "https://idp.bad.test/" }""");

        Assert.Equal(["jwks"], both);
        Assert.Equal(["jwks"], malformed);
        Assert.Equal(["jwks"], symmetric);
        Assert.Equal(["jwksUri"], neither);
        Assert.Equal(before, (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString());
    }

    [Fact]
    public async Task AnInlineKeySet_RoundTripsThroughTheConfigurationDocument()
    {
        using var issuer = TestTokenIssuer.Ec("https://idp.inline.test/", "e1");
        await Http.PutJwtProviderAsync("inline", $$"""{ "issuer": "{{issuer.Issuer}}", "audiences": ["orders"], "jwks": {{issuer.Jwks}} }""");

        var provider = await Http.GetOkJsonAsync("/api/v1/jwt-providers/inline");
        var config = await Http.GetOkJsonAsync("/api/v1/config");

        Assert.Equal(1, (int?)provider["jwksStatus"]!["keys"]);
        Assert.Equal("e1", (string?)config["jwtProviders"]!["inline"]!["jwks"]!["keys"]![0]!["kid"]);
    }

    private async Task<JsonNode> StatusAsync(string name) => (await Http.GetOkJsonAsync($"/api/v1/jwt-providers/{name}"))["jwksStatus"]!;

}

/// <summary>A silo that refetches key sets every second, so a test sees refreshes without waiting minutes.</summary>
public sealed class FastJwksSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start(extraArguments: ["--Mesh:Jwks:RefreshInterval=1s", "--Mesh:Jwks:MinRefetchInterval=1s"]);
        await Silo.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
