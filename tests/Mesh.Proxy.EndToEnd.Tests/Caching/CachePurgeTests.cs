using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Proxy.EndToEnd.Tests.RateLimiting;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Caching;

/// <summary>Mesh-wide purges (admin-api.md, "Route additions"): pushed by the control plane, applied by every edge within a second.</summary>
public sealed class CachePurgeTests(ThreeEdgesFixture mesh) : IClassFixture<ThreeEdgesFixture>, IAsyncLifetime
{
    private readonly TestBackends _backends = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _backends.DisposeAsync();

    [Fact]
    public async Task APurge_IsAppliedByThreeEdgesWithinOneSecond_AndListsThemAsApplied()
    {
        var (route, path) = await ExposeCachedAsync("purge");
        var other = $"/{route}/other";
        foreach (var proxy in mesh.Proxies)
        {
            await StoreAsync(proxy, path);
            await StoreAsync(proxy, other);
        }

        var clock = Stopwatch.StartNew();
        using var accepted = await mesh.Admin.PostAsync("/api/v1/cache/purge", HttpJson.Json($$"""{ "route": "{{route}}", "pathPrefix": "/{{route}}/item" }"""));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (string)(await accepted.ReadJsonAsync())["id"]!;
        var applied = await Task.WhenAll(mesh.Proxies.Select(async proxy =>
        {
            await Eventually.HoldsAsync(async () => await OutcomeAsync(proxy, path) == "miss", $"{proxy.Id} to purge {path}", TimeSpan.FromSeconds(5));
            return clock.Elapsed;
        }));

        Assert.All(applied, elapsed => Assert.True(elapsed < TimeSpan.FromSeconds(1), $"applied after {elapsed.TotalMilliseconds:F0} ms"));
        foreach (var proxy in mesh.Proxies)
        {
            Assert.Equal("hit", await OutcomeAsync(proxy, other));
        }

        var purge = await Eventually.ReturnsAsync(
            () => mesh.Admin.GetOkJsonAsync($"/api/v1/cache/purges/{id}"),
            p => p["appliedBy"]!.AsArray().Count == mesh.Proxies.Count,
            "every edge to report the purge");
        Assert.Equal(mesh.Proxies.Select(p => p.Id).Order(StringComparer.Ordinal), purge["appliedBy"]!.AsArray().Select(p => (string)p!));
        Assert.Empty(purge["pending"]!.AsArray());
        Assert.Equal(route, (string?)purge["route"]);
    }

    [Fact]
    public async Task APurgeOfAnUnknownRouteOrABadPrefix_Is400NamingTheFields_AndAnUnknownPurgeIs404()
    {
        using var refused = await mesh.Admin.PostAsync("/api/v1/cache/purge", HttpJson.Json("""{ "route": "no-such-route", "pathPrefix": "items" }"""));
        using var unknown = await mesh.Admin.GetAsync("/api/v1/cache/purges/0123456789abcdef");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["pathPrefix", "route"], await refused.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task StoreAsync(ProxyProcess proxy, string path)
    {
        using var stored = await proxy.Http.SendAsync(ProxyRequest.Get(path, headers: ("x-respond-cache-control", "max-age=600")));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("hit", await OutcomeAsync(proxy, path));
    }

    private static async Task<string?> OutcomeAsync(ProxyProcess proxy, string path)
    {
        using var response = await proxy.Http.SendAsync(ProxyRequest.Get(path, headers: ("x-respond-cache-control", "max-age=600")));
        return ProxyAssert.Header(response, "x-mesh-cache");
    }

    private async Task<(string Route, string Path)> ExposeCachedAsync(string prefix)
    {
        var name = Names.Unique(prefix);
        var backend = await _backends.StartAsync(name);
        await mesh.Admin.PutServiceAsync(name);
        await mesh.Admin.PutEndpointAsync(name, backend);
        await mesh.SyncAsync(await mesh.Admin.PutRouteAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "cache": { "maxTtl": "1h" } }
            """));
        return (name, $"/{name}/item");
    }
}
