using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Convergence;

/// <summary>A change made through the admin API reaches every proxy by push, and the control plane sees them converge.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ConvergenceTests(EdgeFixture edge)
{
    /// <summary>Pushes take well under a second; the deadline only bounds a failure.</summary>
    private static readonly TimeSpan PushDeadline = TimeSpan.FromSeconds(10);

    private ProxyProcess[] Proxies => [edge.Proxy, edge.SecondProxy];

    [Fact]
    public async Task RouteChange_ThroughTheAdminApi_IsServedByBothProxiesAndBothReportConvergence()
    {
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var name = Names.Unique("converge");
        await edge.PutServiceAsync($"{name}-blue", "{}", blue);
        await edge.PutServiceAsync($"{name}-green", "{}", green);
        await edge.PutRouteAndSyncAsync(name, Route(name, "blue"));
        foreach (var proxy in Proxies)
        {
            using var before = await proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
            await ProxyAssert.ServedByAsync(before, blue, proxy);
        }

        var version = await edge.Admin.PutRouteAsync(name, Route(name, "green"));

        // Seen by behaviour first: each proxy serves the new route without anyone asking it to reload.
        foreach (var proxy in Proxies)
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    using var response = await proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
                    return ProxyAssert.Header(response, TestBackend.NameHeader) == green.Name;
                },
                $"proxy {proxy.Id} to serve the changed route",
                PushDeadline);
        }

        var listed = await Eventually.ReturnsAsync(
            ListProxiesAsync,
            proxies => Proxies.All(p => proxies.Any(l => (string?)l?["id"] == p.Id && (bool?)l?["converged"] == true)),
            "both proxies to report convergence",
            PushDeadline);
        foreach (var proxy in Proxies)
        {
            var entry = listed.Single(l => (string?)l?["id"] == proxy.Id)!;
            Assert.Equal("edge", (string?)entry["mode"]);
            // Between the change and what the proxy holds now: the catalog may have moved on since the list was read.
            Assert.InRange((long)entry["appliedVersion"]!, version, await proxy.AppliedVersionAsync());
            Assert.False(string.IsNullOrEmpty((string?)entry["address"]));
            Assert.NotNull(entry["lastSeen"]);
        }
    }

    [Fact]
    public async Task RouteDeleted_ThroughTheAdminApi_StopsBeingServedByBothProxies()
    {
        await using var backend = await TestBackend.StartAsync("doomed");
        var name = Names.Unique("deleted");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");

        await edge.Admin.DeleteRouteAsync(name);

        foreach (var proxy in Proxies)
        {
            var response = await Eventually.ReturnsAsync(
                () => proxy.Http.SendAsync(ProxyRequest.Get($"/{name}")),
                r => r.StatusCode == HttpStatusCode.NotFound,
                $"proxy {proxy.Id} to drop the deleted route",
                PushDeadline);
            await ProxyAssert.ProblemAsync(response, HttpStatusCode.NotFound, proxy);
        }
    }

    private static string Route(string name, string color) =>
        $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}-{{color}}" } ] }""";

    private async Task<JsonArray> ListProxiesAsync()
    {
        using var response = await edge.Admin.GetAsync("/api/v1/proxies");
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).AsArray();
    }
}
