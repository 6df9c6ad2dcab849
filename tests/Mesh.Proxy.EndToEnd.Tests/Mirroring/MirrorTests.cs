using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Mirroring;

/// <summary>A route's <c>mirror</c> sends copies to a shadow service whose answers never reach, slow or fail the client.</summary>
[Collection(EdgeCollection.Name)]
public sealed class MirrorTests(EdgeFixture edge)
{
    private const int Requests = 20;

    /// <summary>Far more than a request takes here, far less than the shadow would hold one.</summary>
    private static readonly TimeSpan Unslowed = TimeSpan.FromSeconds(3);

    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Mirror_At100Percent_SendsTheShadowACopyOfEveryRequest()
    {
        await using var primary = await TestBackend.StartAsync("primary");
        await using var shadow = await TestBackend.StartAsync("shadow");
        var name = await MirrorAsync(primary, shadow);

        var served = await Burst.SendAsync(Proxy.Http, Requests, 1, i => ProxyRequest.Get($"/{name}/{i}", headers: ("x-trace", $"t{i}")));

        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, primary.Name), (s.Status, s.Backend)));
        await Eventually.HoldsAsync(() => Task.FromResult(shadow.Received >= Requests), $"the shadow to receive {Requests} copies");
        Assert.Equal(Requests, shadow.Received);
        Assert.Equal(Requests, primary.Received);
        Assert.Equal(
            Enumerable.Range(0, Requests).Select(i => $"GET /{name}/{i} t{i}").Order(StringComparer.Ordinal),
            shadow.Requests.Select(r => $"{r.Method} {r.Path} {r.Header("x-trace")}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Mirror_WhenTheShadowHangs_DoesNotSlowTheRealRequest()
    {
        await using var primary = await TestBackend.StartAsync("primary");
        await using var shadow = await TestBackend.StartAsync("shadow");
        shadow.Hang();
        var name = await MirrorAsync(primary, shadow);

        for (var i = 0; i < Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await Proxy.Http.SendAsync(ProxyRequest.Get($"/{name}/{i}"));
            var took = clock.Elapsed;

            await ProxyAssert.ServedByAsync(response, primary, Proxy);
            Assert.True(took < Unslowed, $"real request {i} took {took} while the shadow hung");
        }

        await Eventually.HoldsAsync(() => Task.FromResult(shadow.Received > 0), "a copy to reach the hanging shadow");
    }

    [Fact]
    public async Task Mirror_WhenTheShadowFails_DoesNotFailTheRealRequest()
    {
        await using var primary = await TestBackend.StartAsync("primary");
        await using var shadow = await TestBackend.StartAsync("shadow");
        shadow.FailWith(500);
        var name = await MirrorAsync(primary, shadow);

        var served = await Burst.GetAsync(Proxy.Http, $"/{name}/x", Requests);

        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, primary.Name), (s.Status, s.Backend)));
        await Eventually.HoldsAsync(() => Task.FromResult(shadow.Received > 0), "a copy to reach the failing shadow");
    }

    [Fact]
    public async Task Mirror_WhenTheShadowIsDown_DoesNotFailTheRealRequest()
    {
        await using var primary = await TestBackend.StartAsync("primary");
        await using var shadow = await TestBackend.StartAsync("shadow");
        var name = await MirrorAsync(primary, shadow);
        await shadow.StopAsync();

        var served = await Burst.GetAsync(Proxy.Http, $"/{name}/x", Requests);

        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, primary.Name), (s.Status, s.Backend)));
    }

    /// <summary>A service for each backend and a route to the primary that mirrors everything to the shadow; returns the route's path prefix.</summary>
    private async Task<string> MirrorAsync(TestBackend primary, TestBackend shadow)
    {
        var name = Names.Unique("mirror");
        await edge.PutServiceAsync(name, "{}", primary);
        await edge.PutServiceAsync($"{name}-shadow", """{ "retry": { "attempts": 0 } }""", shadow);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "mirror": { "service": "{{name}}-shadow", "percent": 100 } }
            """);
        return name;
    }
}
