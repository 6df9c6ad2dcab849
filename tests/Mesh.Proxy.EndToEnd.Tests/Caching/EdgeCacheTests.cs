using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Caching;

/// <summary>
/// The edge's shared HTTP cache (admin-api.md, "Route additions"): what the upstream's headers let it store, what it
/// answers without the upstream, how it revalidates and invalidates, and one upstream request for concurrent misses.
/// The backend sets its response headers from the request's <c>x-respond-*</c> headers.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeCacheTests(EdgeFixture edge) : IAsyncLifetime
{
    private readonly TestBackends _backends = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _backends.DisposeAsync();

    [Fact]
    public async Task AResponseWithMaxAge60_IsServedFromTheEdgeTheSecondTime_WithAnAge()
    {
        var (backend, path) = await ExposeAsync("cache-fresh");

        using var first = await GetAsync(path, ("x-respond-cache-control", "max-age=60"));
        using var second = await GetAsync(path, ("x-respond-cache-control", "max-age=60"));
        using var third = await SendAsync(HttpMethod.Head, path);

        Assert.Equal("miss", Outcome(first));
        Assert.Equal("hit", Outcome(second));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Age is { } age && age >= TimeSpan.Zero && age < TimeSpan.FromSeconds(60), $"Age {second.Headers.Age}");
        Assert.Equal("hit", Outcome(third));
        Assert.Empty(await third.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, backend.Received);
        await AssertCountedAsync(path, "hit", 2);
    }

    [Theory]
    [InlineData("no-store")]
    [InlineData("private, max-age=60")]
    [InlineData("no-store, max-age=60")]
    public async Task ResponsesTheUpstreamForbidsSharing_AreNeverStored(string cacheControl)
    {
        var (backend, path) = await ExposeAsync("cache-never");

        for (var i = 0; i < 3; i++)
        {
            using var response = await GetAsync(path, ("x-respond-cache-control", cacheControl));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("miss", Outcome(response));
        }

        Assert.Equal(3, backend.Received);
    }

    [Fact]
    public async Task VaryAcceptLanguage_KeepsOneEntryPerLanguage()
    {
        var (backend, path) = await ExposeAsync("cache-vary");
        (string, string)[] english = [("accept-language", "en"), ("x-respond-cache-control", "max-age=60"), ("x-respond-vary", "accept-language")];
        (string, string)[] french = [("accept-language", "fr"), ("x-respond-cache-control", "max-age=60"), ("x-respond-vary", "accept-language")];

        using var en1 = await GetAsync(path, english);
        using var fr1 = await GetAsync(path, french);
        using var en2 = await GetAsync(path, english);
        using var fr2 = await GetAsync(path, french);

        Assert.Equal("miss,miss,hit,hit", string.Join(',', Outcome(en1), Outcome(fr1), Outcome(en2), Outcome(fr2)));
        Assert.Contains("\"accept-language\":\"en\"", await en2.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"accept-language\":\"fr\"", await fr2.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task A304Revalidation_ServesTheStoredBody_WithTheUpstreamsNewHeaders_AndRefreshesTheEntry()
    {
        var (backend, path) = await ExposeAsync("cache-revalidate");

        using var first = await GetAsync(path, ("x-respond-cache-control", "max-age=0"), ("x-respond-etag", "\"v1\""), ("x-respond-x-version", "1"));
        using var revalidated = await GetAsync(path, ("x-respond-cache-control", "max-age=60"), ("x-respond-etag", "\"v1\""), ("x-respond-x-version", "2"));
        using var refreshed = await GetAsync(path);

        Assert.Equal("miss", Outcome(first));
        Assert.Equal("stale", Outcome(revalidated));
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await revalidated.Content.ReadAsStringAsync());
        Assert.Equal("2", ProxyAssert.Header(revalidated, "x-version"));
        Assert.Equal("\"v1\"", backend.Requests[^1].Headers.GetValueOrDefault("If-None-Match"));
        Assert.Equal("hit", Outcome(refreshed));
        Assert.Equal("2", ProxyAssert.Header(refreshed, "x-version"));
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task AClientsOwnIfNoneMatch_IsAnswered304FromTheStore()
    {
        var (backend, path) = await ExposeAsync("cache-conditional");
        using var stored = await GetAsync(path, ("x-respond-cache-control", "max-age=60"), ("x-respond-etag", "\"abc\""));

        using var conditional = await GetAsync(path, ("if-none-match", "W/\"abc\""));

        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        Assert.Equal("hit", Outcome(conditional));
        Assert.Equal(1, backend.Received);
    }

    [Fact]
    public async Task FiftyConcurrentMisses_MakeOneUpstreamRequest()
    {
        var (backend, path) = await ExposeAsync("cache-coalesce");
        backend.Delay(TimeSpan.FromMilliseconds(500));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await GetAsync(path, ("x-respond-cache-control", "max-age=60"));
            return (response.StatusCode, Outcome: Outcome(response), Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(1, responses.Count(r => r.Outcome == "miss"));
        Assert.Equal(1, backend.Received);
    }

    [Fact]
    public async Task APost_InvalidatesTheStoredResponseForItsUrl()
    {
        var (backend, path) = await ExposeAsync("cache-invalidate");
        using var stored = await GetAsync(path, ("x-respond-cache-control", "max-age=60"));
        using var hit = await GetAsync(path);

        using var post = await SendAsync(HttpMethod.Post, path);
        using var after = await GetAsync(path, ("x-respond-cache-control", "max-age=60"));

        Assert.Equal("hit", Outcome(hit));
        Assert.Equal("bypass", Outcome(post));
        Assert.Equal("miss", Outcome(after));
        Assert.Equal(3, backend.Received);
    }

    [Fact]
    public async Task ADefaultTtl_AppliesOnlyWhenTheResponseSaysNothing()
    {
        var (backend, path) = await ExposeAsync("cache-default", """{ "defaultTtl": "60s", "maxTtl": "1h" }""");

        using var first = await GetAsync(path);
        using var second = await GetAsync(path);
        using var told = await GetAsync(path + "/told", ("x-respond-cache-control", "max-age=0"));
        using var toldAgain = await GetAsync(path + "/told", ("x-respond-cache-control", "max-age=0"));

        Assert.Equal("miss,hit,miss,miss", string.Join(',', Outcome(first), Outcome(second), Outcome(told), Outcome(toldAgain)));
        Assert.Equal(3, backend.Received);
    }

    [Fact]
    public async Task ACacheWithBadFields_Is400NamingThem()
    {
        var name = Names.Unique("cache-bad");
        await edge.Admin.PutServiceAsync(name);

        var fields = await edge.Admin.PutRefusedFieldsAsync($"/api/v1/routes/{name}", $$"""
            { "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ],
              "cache": { "maxTtl": "0s", "maxBodyBytes": 0, "varyByHeaders": ["bad header"] } }
            """);

        Assert.Equal(["cache.maxBodyBytes", "cache.maxTtl", "cache.varyByHeaders[0]"], fields);
    }

    private static string? Outcome(HttpResponseMessage response) => ProxyAssert.Header(response, "x-mesh-cache");

    private async Task<(TestBackend Backend, string Path)> ExposeAsync(string prefix, string cache = """{ "maxTtl": "1h" }""")
    {
        var name = Names.Unique(prefix);
        var backend = await _backends.StartAsync(name);
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "cache": {{cache}} }
            """);
        return (backend, $"/{name}/item");
    }

    private Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, headers);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers) =>
        edge.Proxy.Http.SendAsync(ProxyRequest.Create(method, path, headers: headers));

    private async Task AssertCountedAsync(string path, string outcome, int count)
    {
        var route = path.Split('/')[1];
        await Eventually.HoldsAsync(
            async () => PrometheusText.HasSample(await edge.Proxy.MetricsAsync(), "mesh_proxy_cache_requests_total", count, ("route", route), ("outcome", outcome)),
            $"{count} {outcome} counted for {route}");
    }
}
