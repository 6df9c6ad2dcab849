using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Routing;

/// <summary>Each kind of route match, seen from a client: the matching requests reach the backend, the others do not.</summary>
[Collection(EdgeCollection.Name)]
public sealed class MatchTests(EdgeFixture edge)
{
    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Route_MatchingHosts_ServesThoseHostsOnly()
    {
        await using var backend = await TestBackend.StartAsync("hosts");
        var name = Names.Unique("hosts");
        var host = $"{name}.example";
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "hosts": ["{{host}}", "*.{{host}}"] }, "backends": [ { "service": "{{name}}" } ] }
            """);

        using var exact = await Proxy.Http.SendAsync(ProxyRequest.Get("/any/path", host));
        using var wildcard = await Proxy.Http.SendAsync(ProxyRequest.Get("/any/path", "eu." + host));
        using var withPort = await Proxy.Http.SendAsync(ProxyRequest.Get("/any/path", $"{host}:{Proxy.Port}"));
        using var other = await Proxy.Http.SendAsync(ProxyRequest.Get("/any/path", "other.example"));
        using var suffixOnly = await Proxy.Http.SendAsync(ProxyRequest.Get("/any/path", "x" + host));

        await ProxyAssert.ServedByAsync(exact, backend, Proxy);
        await ProxyAssert.ServedByAsync(wildcard, backend, Proxy);
        await ProxyAssert.ServedByAsync(withPort, backend, Proxy);
        await ProxyAssert.NotRoutedAsync(other, Proxy);
        await ProxyAssert.NotRoutedAsync(suffixOnly, Proxy);
        Assert.Equal(3, backend.Received);
    }

    [Fact]
    public async Task Route_MatchingAPathTemplate_ServesPathsUnderItOnly()
    {
        await using var backend = await TestBackend.StartAsync("paths");
        var name = Names.Unique("paths");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }
            """);

        using var deep = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/a/b?x=1"));
        using var root = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        using var longerSegment = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}x/a"));
        using var elsewhere = await Proxy.Http.SendAsync(ProxyRequest.Get($"/elsewhere/{name}/a"));

        var echo = await ProxyAssert.ServedByAsync(deep, backend, Proxy);
        Assert.Equal($"/{name}/a/b", (string?)echo["path"]);
        Assert.Equal("?x=1", (string?)echo["query"]);
        await ProxyAssert.ServedByAsync(root, backend, Proxy);
        await ProxyAssert.NotRoutedAsync(longerSegment, Proxy);
        await ProxyAssert.NotRoutedAsync(elsewhere, Proxy);
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task Routes_MatchingMethods_SendEachMethodToItsRoute()
    {
        await using var reads = await TestBackend.StartAsync("reads");
        await using var writes = await TestBackend.StartAsync("writes");
        var name = Names.Unique("methods");
        await edge.PutServiceAsync($"{name}-r", "{}", reads);
        await edge.PutServiceAsync($"{name}-w", "{}", writes);
        await edge.Admin.PutRouteAsync($"{name}-r", $$"""
            { "match": { "path": "/{{name}}", "methods": ["GET"] }, "backends": [ { "service": "{{name}}-r" } ] }
            """);
        await edge.PutRouteAndSyncAsync($"{name}-w", $$"""
            { "match": { "path": "/{{name}}", "methods": ["POST", "put"] }, "backends": [ { "service": "{{name}}-w" } ] }
            """);

        using var get = await Proxy.Http.SendAsync(ProxyRequest.Create(HttpMethod.Get, $"/{name}"));
        using var post = await Proxy.Http.SendAsync(ProxyRequest.Create(HttpMethod.Post, $"/{name}"));
        using var put = await Proxy.Http.SendAsync(ProxyRequest.Create(HttpMethod.Put, $"/{name}"));
        using var delete = await Proxy.Http.SendAsync(ProxyRequest.Create(HttpMethod.Delete, $"/{name}"));

        await ProxyAssert.ServedByAsync(get, reads, Proxy);
        await ProxyAssert.ServedByAsync(post, writes, Proxy);
        await ProxyAssert.ServedByAsync(put, writes, Proxy);
        await ProxyAssert.NotRoutedAsync(delete, Proxy);
        Assert.Equal(["GET"], reads.Requests.Select(r => r.Method));
        Assert.Equal(["POST", "PUT"], writes.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData("exact", """["canary", "blue"]""", "blue", "canary-2")]
    [InlineData("prefix", """["beta"]""", "beta-7", "alpha-beta")]
    [InlineData("exists", "[]", "anything", null)]
    public async Task Route_WithAHeaderCondition_ServesOnlyRequestsThatMeetIt(string mode, string values, string matching, string? notMatching)
    {
        await using var backend = await TestBackend.StartAsync("headers");
        var name = Names.Unique("header-" + mode);
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}", "headers": [ { "name": "x-canary", "values": {{values}}, "mode": "{{mode}}" } ] },
              "backends": [ { "service": "{{name}}" } ] }
            """);

        using var met = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}", headers: ("x-canary", matching)));
        using var missing = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}", headers: ("x-other", matching)));
        using var notMet = notMatching is null ? null : await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}", headers: ("x-canary", notMatching)));

        var echo = await ProxyAssert.ServedByAsync(met, backend, Proxy);
        Assert.Equal(matching, (string?)echo["headers"]!["x-canary"]);
        await ProxyAssert.NotRoutedAsync(missing, Proxy);
        if (notMet is not null)
        {
            await ProxyAssert.NotRoutedAsync(notMet, Proxy);
        }

        Assert.Equal(1, backend.Received);
    }

    [Theory]
    [InlineData("exact", """["2", "3"]""", "3", "23")]
    [InlineData("prefix", """["ab"]""", "abc", "cab")]
    [InlineData("exists", "[]", "anything", null)]
    public async Task Route_WithAQueryCondition_ServesOnlyRequestsThatMeetIt(string mode, string values, string matching, string? notMatching)
    {
        await using var backend = await TestBackend.StartAsync("query");
        var name = Names.Unique("query-" + mode);
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}", "query": [ { "name": "v", "values": {{values}}, "mode": "{{mode}}" } ] },
              "backends": [ { "service": "{{name}}" } ] }
            """);

        using var met = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}?v={matching}&other=1"));
        using var missing = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}?w={matching}"));
        using var notMet = notMatching is null ? null : await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}?v={notMatching}"));

        var echo = await ProxyAssert.ServedByAsync(met, backend, Proxy);
        Assert.Equal($"?v={matching}&other=1", (string?)echo["query"]);
        await ProxyAssert.NotRoutedAsync(missing, Proxy);
        if (notMet is not null)
        {
            await ProxyAssert.NotRoutedAsync(notMet, Proxy);
        }

        Assert.Equal(1, backend.Received);
    }

    [Fact]
    public async Task Routes_ThatBothMatch_TheLowerOrderWins()
    {
        await using var wide = await TestBackend.StartAsync("wide");
        await using var narrow = await TestBackend.StartAsync("narrow");
        var name = Names.Unique("order");
        await edge.PutServiceAsync($"{name}-wide", "{}", wide);
        await edge.PutServiceAsync($"{name}-narrow", "{}", narrow);
        string WideRoute(int order) => $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}-wide" } ], "order": {{order}} }
            """;
        await edge.Admin.PutRouteAsync($"{name}-wide", WideRoute(1));
        await edge.PutRouteAndSyncAsync($"{name}-narrow", $$"""
            { "match": { "path": "/{{name}}/special" }, "backends": [ { "service": "{{name}}-narrow" } ], "order": 5 }
            """);

        // The catch-all is less specific, yet its lower order makes it win.
        using var beforeSwap = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/special"));
        await edge.PutRouteAndSyncAsync($"{name}-wide", WideRoute(9));
        using var afterSwap = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/special"));
        using var onlyWide = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/other"));

        await ProxyAssert.ServedByAsync(beforeSwap, wide, Proxy);
        await ProxyAssert.ServedByAsync(afterSwap, narrow, Proxy);
        await ProxyAssert.ServedByAsync(onlyWide, wide, Proxy);
    }
}
