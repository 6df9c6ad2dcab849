using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;
using Xunit.Abstractions;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>
/// JWTs through real edges (admin-api.md, "JWT providers"): tokens minted here with Microsoft.IdentityModel, keys
/// published inline or served over HTTP by the test; the edge checks signature, issuer, audience and lifetime
/// with the keys the control plane pushed, and a new signing key is accepted without a restart.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class JwtTests(AccessFixture mesh, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ProtectedRoutes _routes = new(mesh);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _routes.DisposeAsync();

    [Fact]
    public async Task AGoodRs256Token_Is200_AndTheBackendGetsTheConsumerGroupsAndClaimHeaders_ButNotTheToken()
    {
        using var issuer = TestTokenIssuer.Rsa("https://idp.rs.test/", "rs-1");
        var (path, backend) = await ExposeInlineAsync(issuer);
        var token = issuer.Mint("alice", "orders", new Dictionary<string, object> { ["email"] = "alice@example.test", ["groups"] = new[] { "gold", "eu" } });

        foreach (var edge in mesh.Proxies)
        {
            using var response = await ProtectedRoutes.SendAsync(edge, path, ("authorization", $"Bearer {token}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.All(backend.Requests, received =>
        {
            Assert.Equal("alice", received.Header("x-mesh-consumer"));
            Assert.Equal(["eu", "gold"], received.Header("x-mesh-consumer-groups")!.Split(',').Order(StringComparer.Ordinal));
            Assert.Equal("alice@example.test", received.Header("x-user-email"));
            Assert.Null(received.Header("authorization"));
        });
    }

    [Fact]
    public async Task Expired_WrongAudience_WrongIssuer_AlgNone_And_TamperedTokens_Are401InvalidToken_AndNeverReachTheBackend()
    {
        using var issuer = TestTokenIssuer.Rsa("https://idp.refused.test/", "rs-1");
        using var stranger = TestTokenIssuer.Rsa("https://idp.refused.test/", "rs-1");
        var (path, backend) = await ExposeInlineAsync(issuer);
        var now = DateTime.UtcNow;
        var refused = new Dictionary<string, string>
        {
            ["expired"] = issuer.Mint("alice", "orders", expires: now.AddMinutes(-5), notBefore: now.AddMinutes(-10)),
            ["not yet valid"] = issuer.Mint("alice", "orders", notBefore: now.AddMinutes(5), expires: now.AddMinutes(10)),
            ["wrong audience"] = issuer.Mint("alice", "billing"),
            ["wrong issuer"] = issuer.Mint("alice", "orders", issuer: "https://evil.test/"),
            ["alg none"] = issuer.MintUnsigned("alice", "orders"),
            ["tampered"] = issuer.MintTampered("alice", "admin", "orders"),
            ["signed by another key with the same kid"] = stranger.Mint("alice", "orders"),
            ["not a JWT"] = "not-a-token",
        };

        foreach (var (what, token) in refused)
        {
            using var response = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path, ("authorization", $"Bearer {token}"));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
            Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using var missing = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer realm=\"mesh\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, backend.Received);
    }

    [Fact]
    public async Task AnEs256TokenFromAJwksUri_Is200_AndAfterARotationTheNewKeyIsAcceptedWithinAMinute_WithoutARestart()
    {
        using var first = TestTokenIssuer.Ec("https://idp.es.test/", "es-1");
        using var second = TestTokenIssuer.Ec("https://idp.es.test/", "es-2");
        await using var jwks = await JwksServer.StartAsync(first.Jwks);
        var provider = Names.Unique("idp");
        await mesh.Admin.PutJwtProviderAsync(provider, $$"""{ "issuer": "{{first.Issuer}}", "jwksUri": "{{jwks.Uri}}" }""");
        var (path, _) = await _routes.ExposeAsync(Names.Unique("jwks"), $$""" "auth": "jwt", "jwtProviders": ["{{provider}}"] """);
        foreach (var edge in mesh.Proxies)
        {
            await Eventually.HoldsAsync(
                async () => (await ProtectedRoutes.SendAsync(edge, path, ("authorization", $"Bearer {first.Mint("erin")}"))).StatusCode == HttpStatusCode.OK,
                $"edge {edge.Id} to accept a token signed with the fetched key");
        }

        jwks.Publish(TestTokenIssuer.KeySet(first, second));
        var clock = Stopwatch.StartNew();
        foreach (var edge in mesh.Proxies)
        {
            await Eventually.HoldsAsync(
                async () => (await ProtectedRoutes.SendAsync(edge, path, ("authorization", $"Bearer {second.Mint("erin")}"))).StatusCode == HttpStatusCode.OK,
                $"edge {edge.Id} to accept a token signed with the rotated-in key",
                TimeSpan.FromMinutes(1));
        }

        output.WriteLine($"the new key was accepted by all 3 edges {clock.ElapsedMilliseconds} ms after the identity provider published it; JWKS fetches: {jwks.Fetches}");
        using var old = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path, ("authorization", $"Bearer {first.Mint("erin")}"));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task AllowGroups_OnAJwtRoute_RefusesATokenWithoutTheGroup_With403()
    {
        using var issuer = TestTokenIssuer.Ec("https://idp.groups.test/", "es-1");
        var provider = Names.Unique("idp");
        await mesh.Admin.PutJwtProviderAsync(provider, $$"""{ "issuer": "{{issuer.Issuer}}", "groupsClaim": "groups", "jwks": {{issuer.Jwks}} }""");
        var (path, backend) = await _routes.ExposeAsync(
            Names.Unique("admins"), $$""" "auth": "jwt", "jwtProviders": ["{{provider}}"], "allow": { "groups": ["admins"] } """);

        using var member = await ProtectedRoutes.SendAsync(
            mesh.Proxies[0], path, ("authorization", $"Bearer {issuer.Mint("root", claims: new Dictionary<string, object> { ["groups"] = new[] { "admins" } })}"));
        using var other = await ProtectedRoutes.SendAsync(
            mesh.Proxies[1], path, ("authorization", $"Bearer {issuer.Mint("guest", claims: new Dictionary<string, object> { ["groups"] = new[] { "users" } })}"));

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(1, backend.Received);
    }

    private async Task<(string Path, TestBackend Backend)> ExposeInlineAsync(TestTokenIssuer issuer)
    {
        var provider = Names.Unique("idp");
        await mesh.Admin.PutJwtProviderAsync(provider, $$"""
            { "issuer": "{{issuer.Issuer}}", "audiences": ["orders"], "jwks": {{issuer.Jwks}}, "groupsClaim": "groups",
              "claimsToHeaders": [{ "claim": "email", "header": "x-user-email" }] }
            """);
        return await _routes.ExposeAsync(Names.Unique("jwt"), $$""" "auth": "jwt", "jwtProviders": ["{{provider}}"] """);
    }
}
