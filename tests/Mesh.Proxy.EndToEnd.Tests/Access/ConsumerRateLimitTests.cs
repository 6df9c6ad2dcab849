using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>
/// <c>partitionBy: consumer</c> across three edges: each consumer has its own mesh-wide bucket, and a consumer
/// whose <c>rateLimit</c> names a tier gets that tier's bucket instead of the route's.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class ConsumerRateLimitTests(AccessFixture mesh) : IAsyncLifetime
{
    private const int Burst = 3;
    private const int TierBurst = 30;
    private const int Requests = 12;

    private readonly ProtectedRoutes _routes = new(mesh);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _routes.DisposeAsync();

    [Fact]
    public async Task TwoConsumers_EachGetTheirOwnLimitAcrossThreeEdges_AndATieredConsumerItsTiersLimit()
    {
        var policy = Names.Unique("per-consumer");
        var tier = Names.Unique("gold-tier");
        await mesh.Admin.PutRateLimitAsync(policy, $$"""{ "permitsPerSecond": 1, "burst": {{Burst}}, "partitionBy": "consumer" }""");
        await mesh.Admin.PutRateLimitAsync(tier, $$"""{ "permitsPerSecond": 1, "burst": {{TierBurst}}, "partitionBy": "consumer" }""");
        var keys = new Dictionary<string, string>();
        foreach (var (name, spec) in new[] { ("alice", "{}"), ("bob", "{}"), ("gold", $$"""{ "rateLimit": "{{tier}}" }""") })
        {
            var consumer = Names.Unique(name);
            await mesh.Admin.PutConsumerAsync(consumer, spec);
            keys[name] = (await mesh.Admin.CreateApiKeyAsync(consumer)).Key;
        }

        var (path, _) = await _routes.ExposeAsync(Names.Unique("limited"), $$""" "auth": "apiKey", "rateLimit": "{{policy}}" """);
        await mesh.SyncAsync(await mesh.Admin.CatalogVersionAsync());

        var alice = await SendAcrossEdgesAsync(path, keys["alice"]);
        var bob = await SendAcrossEdgesAsync(path, keys["bob"]);
        var gold = await SendAcrossEdgesAsync(path, keys["gold"]);

        foreach (var (who, sent) in new[] { ("alice", alice), ("bob", bob) })
        {
            Assert.True(sent.Admitted >= 1, $"{who}'s first requests were refused: another consumer's use counted against it");
            Assert.True(sent.Admitted <= Burst + Math.Ceiling(sent.Elapsed.TotalSeconds) + 1, $"{who} was admitted {sent.Admitted} of {Requests} in {sent.Elapsed}: more than its own limit");
            Assert.True(sent.Refused > 0, $"{who} was never limited");
        }

        Assert.Equal(Requests, gold.Admitted);
    }

    private async Task<(int Admitted, int Refused, TimeSpan Elapsed)> SendAcrossEdgesAsync(string path, string key)
    {
        var admitted = 0;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            using var response = await ProtectedRoutes.SendAsync(mesh.Proxies[i % mesh.Proxies.Count], path, ("x-api-key", key));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                admitted++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                refused++;
            }
        }

        return (admitted, refused, clock.Elapsed);
    }
}
