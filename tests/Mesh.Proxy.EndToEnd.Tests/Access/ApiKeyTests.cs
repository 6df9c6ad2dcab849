using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;
using Xunit.Abstractions;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>
/// API keys through real edges (admin-api.md, "Edge authentication"): the edge recognises a key from the hashes
/// the control plane pushed, tells the upstream who called and never what the key was, and a revoked key is
/// refused by every edge within a second.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class ApiKeyTests(AccessFixture mesh, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ProtectedRoutes _routes = new(mesh);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _routes.DisposeAsync();

    [Fact]
    public async Task NoKey_And_AWrongKey_Are401WithAnApiKeyChallenge_AndNeverReachTheBackend()
    {
        var consumer = Names.Unique("alice");
        await mesh.Admin.PutConsumerAsync(consumer);
        var (_, key, _) = await mesh.Admin.CreateApiKeyAsync(consumer);
        var route = Names.Unique("keyed");
        var (path, backend) = await _routes.ExposeAsync(route, """ "auth": "apiKey" """);

        using var none = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path);
        using var wrong = await ProtectedRoutes.SendAsync(mesh.Proxies[1], path, ("x-api-key", key[..^2] + "xx"));
        using var made = await ProtectedRoutes.SendAsync(mesh.Proxies[2], path, ("x-api-key", "mesh_" + new string('a', 43)));

        foreach (var refused in new[] { none, wrong, made })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("ApiKey realm=\"mesh\", header=\"x-api-key\"", refused.Headers.WwwAuthenticate.ToString());
        }

        Assert.Equal(0, backend.Received);
        await Eventually.HoldsAsync(
            async () => Refusals(await mesh.Proxies[0].MetricsAsync(), route, "missing_credentials") == 1
                && Refusals(await mesh.Proxies[1].MetricsAsync(), route, "invalid_credentials") == 1,
            "the refusals to be counted by reason");
    }

    [Fact]
    public async Task AGoodKey_Is200_AndTheBackendSeesTheConsumerAndItsGroups_NeverTheKeyOrAClientsOwnClaim()
    {
        var consumer = Names.Unique("bob");
        await mesh.Admin.PutConsumerAsync(consumer, """{ "groups": ["gold", "eu"] }""");
        var (_, key, _) = await mesh.Admin.CreateApiKeyAsync(consumer);
        var (path, backend) = await _routes.ExposeAsync(Names.Unique("keyed"), """ "auth": "apiKey" """);
        await mesh.SyncAsync(await mesh.Admin.CatalogVersionAsync());

        foreach (var edge in mesh.Proxies)
        {
            using var response = await ProtectedRoutes.SendAsync(
                edge, path, ("x-api-key", key), ("x-mesh-consumer", "admin"), ("x-mesh-consumer-groups", "root"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, backend.Requests.Count);
        Assert.All(backend.Requests, received =>
        {
            Assert.Equal(consumer, received.Header("x-mesh-consumer"));
            Assert.Equal("eu,gold", received.Header("x-mesh-consumer-groups"));
            Assert.Null(received.Header("x-api-key"));
            Assert.DoesNotContain(received.Headers.Values, v => v.Contains(key, StringComparison.Ordinal));
        });
        await Eventually.HoldsAsync(
            async () => (await mesh.Proxies[0].MetricsAsync()).Split('\n').Any(l =>
                l.StartsWith("mesh_proxy_requests_total{", StringComparison.Ordinal) && l.Contains($"consumer=\"{consumer}\"", StringComparison.Ordinal)),
            "the edge's request metrics to carry the consumer");
    }

    [Fact]
    public async Task ARevokedKey_IsRefusedByEveryOneOfThreeEdges_WithinOneSecond_WhileTheConsumersOtherKeyStillWorks()
    {
        var consumer = Names.Unique("carol");
        await mesh.Admin.PutConsumerAsync(consumer);
        var (keyId, key, _) = await mesh.Admin.CreateApiKeyAsync(consumer);
        var (_, otherKey, _) = await mesh.Admin.CreateApiKeyAsync(consumer);
        var (path, _) = await _routes.ExposeAsync(Names.Unique("revoked"), """ "auth": "apiKey" """);
        await mesh.SyncAsync(await mesh.Admin.CatalogVersionAsync());
        foreach (var edge in mesh.Proxies)
        {
            using var before = await ProtectedRoutes.SendAsync(edge, path, ("x-api-key", key));
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var revoke = mesh.Admin.RevokeApiKeyAsync(consumer, keyId);
        var refusedAt = await Task.WhenAll(mesh.Proxies.Select(edge => FirstRefusalAsync(edge, path, key, clock, TimeSpan.FromSeconds(5))));
        await revoke;

        output.WriteLine($"revoked key refused by the 3 edges after {string.Join(", ", refusedAt.Select(t => $"{t.TotalMilliseconds:F0} ms"))}");
        Assert.All(refusedAt, at => Assert.True(at < TimeSpan.FromSeconds(1), $"an edge still admitted the revoked key {at.TotalMilliseconds:F0} ms after the revocation"));
        foreach (var edge in mesh.Proxies)
        {
            using var kept = await ProtectedRoutes.SendAsync(edge, path, ("x-api-key", otherKey));
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }
    }

    [Fact]
    public async Task DeletingAConsumer_RevokesItsKeysOnEveryEdge()
    {
        var consumer = Names.Unique("dave");
        await mesh.Admin.PutConsumerAsync(consumer);
        var (_, key, _) = await mesh.Admin.CreateApiKeyAsync(consumer);
        var (path, _) = await _routes.ExposeAsync(Names.Unique("deleted"), """ "auth": "apiKey" """);
        await mesh.SyncAsync(await mesh.Admin.CatalogVersionAsync());

        await mesh.SyncAsync(await mesh.Admin.DeleteConsumerAsync(consumer));

        foreach (var edge in mesh.Proxies)
        {
            using var response = await ProtectedRoutes.SendAsync(edge, path, ("x-api-key", key));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task AllowGroups_Admits_Members_And_Refuses_Others_With403()
    {
        var member = Names.Unique("gold");
        var outsider = Names.Unique("plain");
        await mesh.Admin.PutConsumerAsync(member, """{ "groups": ["gold"] }""");
        await mesh.Admin.PutConsumerAsync(outsider, """{ "groups": ["silver"] }""");
        var (_, memberKey, _) = await mesh.Admin.CreateApiKeyAsync(member);
        var (_, outsiderKey, _) = await mesh.Admin.CreateApiKeyAsync(outsider);
        var (path, backend) = await _routes.ExposeAsync(Names.Unique("gold"), """ "auth": "apiKey", "allow": { "groups": ["gold"] } """);
        await mesh.SyncAsync(await mesh.Admin.CatalogVersionAsync());

        using var admitted = await ProtectedRoutes.SendAsync(mesh.Proxies[0], path, ("x-api-key", memberKey));
        using var refused = await ProtectedRoutes.SendAsync(mesh.Proxies[1], path, ("x-api-key", outsiderKey));

        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, backend.Received);
    }

    private static double Refusals(string metrics, string route, string reason) => metrics.Split('\n')
        .Where(l => l.StartsWith("mesh_proxy_access_refused_total{", StringComparison.Ordinal)
            && l.Contains($"route=\"{route}\"", StringComparison.Ordinal) && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<TimeSpan> FirstRefusalAsync(ProxyProcess edge, string path, string key, Stopwatch clock, TimeSpan deadline)
    {
        while (clock.Elapsed < deadline)
        {
            using var response = await ProtectedRoutes.SendAsync(edge, path, ("x-api-key", key));
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return clock.Elapsed;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        throw new TimeoutException($"edge {edge.Id} still admits the revoked key after {deadline}");
    }
}
