using System.Net;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>
/// Consumers and their API keys over HTTP (admin-api.md, "Consumers"), against a real silo: a key is shown once and
/// never again, anywhere; revocation and deletion take keys away; routes and consumers naming what does not exist
/// are refused naming the field, and nothing is stored.
/// </summary>
public sealed class ConsumersApiTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task PostKeys_Answers201WithTheKeyOnce_AndNoReadOfTheCatalogEverShowsTheKeyOrItsHash()
    {
        await Http.PutConsumerAsync("alice", """{ "groups": ["gold"] }""");

        using var created = await Http.PostAsync("/api/v1/consumers/alice/keys", null);
        var answer = await created.ReadJsonAsync();
        var key = (string)answer["key"]!;
        var listed = await Http.GetOkJsonAsync("/api/v1/consumers/alice/keys");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("mesh_", key);
        Assert.Equal(key[..9], (string?)answer["prefix"]);
        var entry = Assert.Single(listed.AsArray())!;
        Assert.Equal((string?)answer["id"], (string?)entry["id"]);
        Assert.Equal(key[..9], (string?)entry["prefix"]);
        Assert.Null(entry["key"]);
        foreach (var path in new[] { "/api/v1/consumers/alice/keys", "/api/v1/consumers/alice", "/api/v1/consumers", "/api/v1/config", "/api/v1/config/history" })
        {
            var text = (await Http.GetOkJsonAsync(path)).ToJsonString();
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[9..], text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"salt\"", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(key, fixture.Silo.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneApply_CreatesConsumersAJwtProviderAndARouteNamingThem_AndReapplyingGetConfigKeepsTheKeys()
    {
        var document = """
            { "services": { "applied": {} },
              "rateLimits": { "applied-tier": { "permitsPerSecond": 10, "burst": 10, "partitionBy": "consumer" } },
              "consumers": { "applied-alice": { "groups": ["gold"], "rateLimit": "applied-tier" } },
              "jwtProviders": { "applied-idp": { "issuer": "https://idp.applied.test/", "jwksUri": "https://idp.applied.test/jwks" } },
              "routes": { "applied": { "match": { "path": "/applied/{**rest}" }, "backends": [{ "service": "applied" }],
                                       "auth": "apiKeyOrJwt", "jwtProviders": ["applied-idp"], "allow": { "consumers": ["applied-alice"] } } } }
            """;

        using var applied = await Http.PostAsync("/api/v1/config/apply?prune=false", HttpJson.Json(document));
        var (keyId, _, _) = await Http.CreateApiKeyAsync("applied-alice");
        var config = await Http.GetOkJsonAsync("/api/v1/config");
        using var reapplied = await Http.PostAsync("/api/v1/config/apply", HttpJson.Json(config.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(["gold"], config["consumers"]!["applied-alice"]!["groups"]!.AsArray().Select(g => (string)g!));
        Assert.Equal("https://idp.applied.test/", (string?)config["jwtProviders"]!["applied-idp"]!["issuer"]);
        Assert.Equal(HttpStatusCode.OK, reapplied.StatusCode);
        Assert.Empty((await reapplied.ReadJsonAsync())["changes"]!.AsArray());
        Assert.Equal([keyId], (await Http.GetOkJsonAsync("/api/v1/consumers/applied-alice/keys")).AsArray().Select(k => (string)k!["id"]!));
    }

    [Fact]
    public async Task RevokedKey_IsGoneFromTheList_AndASecondRevokeIs404()
    {
        await Http.PutConsumerAsync("bob");
        var (kept, _, _) = await Http.CreateApiKeyAsync("bob");
        var (revoked, _, _) = await Http.CreateApiKeyAsync("bob");

        using var first = await Http.DeleteAsync($"/api/v1/consumers/bob/keys/{revoked}");
        using var second = await Http.DeleteAsync($"/api/v1/consumers/bob/keys/{revoked}");
        var listed = await Http.GetOkJsonAsync("/api/v1/consumers/bob/keys");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal([kept], listed.AsArray().Select(k => (string)k!["id"]!));
    }

    [Fact]
    public async Task DeletingAConsumer_RevokesItsKeys_SoTheSameNameMadeAgainHasNone()
    {
        await Http.PutConsumerAsync("carol");
        await Http.CreateApiKeyAsync("carol");

        await Http.DeleteConsumerAsync("carol");
        using var keysOfTheDeleted = await Http.GetAsync("/api/v1/consumers/carol/keys");
        await Http.PutConsumerAsync("carol");

        Assert.Equal(HttpStatusCode.NotFound, keysOfTheDeleted.StatusCode);
        Assert.Empty((await Http.GetOkJsonAsync("/api/v1/consumers/carol/keys")).AsArray());
    }

    [Fact]
    public async Task KeysOfAnUnknownConsumer_Are404()
    {
        using var created = await Http.PostAsync("/api/v1/consumers/nobody/keys", null);
        using var listed = await Http.GetAsync("/api/v1/consumers/nobody/keys");

        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, listed.StatusCode);
    }

    [Fact]
    public async Task AConsumerNamingAMissingRateLimit_OrARouteNamingAMissingConsumerOrProvider_Is400NamingTheField_AndStoresNothing()
    {
        await Http.PutServiceAsync("consumed");
        var before = (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString();

        using var consumer = await Http.PutJsonAsync("/api/v1/consumers/dave", """{ "rateLimit": "no-such-tier" }""");
        using var allowed = await Http.PutJsonAsync("/api/v1/routes/allow-missing", """
            { "match": { "path": "/a/{**rest}" }, "backends": [{ "service": "consumed" }], "auth": "apiKey", "allow": { "consumers": ["nobody"] } }
            """);
        using var provided = await Http.PutJsonAsync("/api/v1/routes/provider-missing", """
            { "match": { "path": "/p/{**rest}" }, "backends": [{ "service": "consumed" }], "auth": "jwt", "jwtProviders": ["no-such-idp"] }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, consumer.StatusCode);
        Assert.Equal(["rateLimit"], await consumer.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        Assert.Equal(["allow.consumers[0]"], await allowed.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, provided.StatusCode);
        Assert.Equal(["jwtProviders[0]"], await provided.ProblemFieldsAsync());
        Assert.Equal(before, (await Http.GetOkJsonAsync("/api/v1/config")).ToJsonString());
    }

    [Fact]
    public async Task DeletingAConsumerARouteAllows_Is409_AndKeepsIt()
    {
        await Http.PutServiceAsync("guarded");
        await Http.PutConsumerAsync("erin");
        await Http.PutRouteAsync("guarded", """
            { "match": { "path": "/guarded/{**rest}" }, "backends": [{ "service": "guarded" }], "auth": "apiKey", "allow": { "consumers": ["erin"] } }
            """);

        using var deleted = await Http.DeleteAsync("/api/v1/consumers/erin");
        using var still = await Http.GetAsync("/api/v1/consumers/erin");

        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }
}
