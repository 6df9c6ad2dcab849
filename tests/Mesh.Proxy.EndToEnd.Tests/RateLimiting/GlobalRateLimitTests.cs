using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.RateLimiting;

/// <summary>A limit that holds for the whole mesh, decided locally from leased tokens.</summary>
public sealed class GlobalRateLimitTests(ThreeEdgesFixture mesh) : IClassFixture<ThreeEdgesFixture>, IAsyncLifetime
{
    private readonly TestBackends _backends = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _backends.DisposeAsync();

    [Fact]
    public async Task ThreeProxies_AdmitBetween95And100PercentOfLimitTimesSecondsPlusBurst()
    {
        const int Limit = 40;
        const int Burst = 40;
        var path = await ExposeAsync("mesh-wide", $$"""{ "permitsPerSecond": {{Limit}}, "burst": {{Burst}}, "partitionBy": "global" }""");
        var admitted = 0;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(10);

        await Task.WhenAll(mesh.Proxies.SelectMany(proxy => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < until)
            {
                using var response = await proxy.Http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref admitted);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                    Interlocked.Increment(ref refused);
                }
            }
        }))));

        var allowed = Burst + (Limit * clock.Elapsed.TotalSeconds);
        Assert.True(refused > admitted, $"the load ({admitted + refused} requests) did not exceed the limit");
        var least = (int)(0.95 * (Burst + (Limit * until.TotalSeconds)));
        Assert.True(
            admitted >= least && admitted <= Math.Ceiling(allowed),
            $"admitted {admitted} (refused {refused}) in {clock.Elapsed.TotalSeconds:F2} s: expected {least} to {Math.Ceiling(allowed)}");
    }

    [Fact]
    public async Task Keys_AreIsolated()
    {
        var path = await ExposeAsync("per-key", """{ "permitsPerSecond": 1, "burst": 3, "partitionBy": "header:x-api-key" }""");
        var proxy = mesh.Proxies[0].Http;

        var first = await SendWithKeyAsync(proxy, path, "alpha", 8);
        var second = await SendWithKeyAsync(proxy, path, "beta", 3);

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.All(second, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Refusal_Is429WithRetryAfterAndRateLimitHeaders()
    {
        var path = await ExposeAsync("headers", """{ "permitsPerSecond": 1, "burst": 1, "partitionBy": "global" }""");
        var proxy = mesh.Proxies[1].Http;

        var refusal = await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await proxy.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                return response;
            },
            r => r.StatusCode == HttpStatusCode.TooManyRequests,
            "a refusal");

        Assert.NotNull(refusal.Headers.RetryAfter?.Delta);
        Assert.Matches("^\"headers-[0-9a-f]+-policy\";q=1;w=1;burst=1$", refusal.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Matches("^\"[a-z0-9-]+\";r=\\d+;t=\\d+$", refusal.Headers.GetValues("RateLimit").Single());
        Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> ExposeAsync(string prefix, string policy)
    {
        var name = Names.Unique(prefix);
        var backend = await _backends.StartAsync(name);
        await mesh.Admin.PutServiceAsync(name, """{ "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 } }""");
        await mesh.Admin.PutEndpointAsync(name, backend);
        await mesh.Admin.PutAsync($"/api/v1/ratelimits/{name}-policy", HttpJson.Json(policy));
        var version = await mesh.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "rateLimit": "{{name}}-policy" }""");
        await mesh.SyncAsync(version);
        return $"/{name}/x";
    }

    private static async Task<List<HttpStatusCode>> SendWithKeyAsync(HttpClient http, string path, string key, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("x-api-key", key);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
