using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>The mesh page in a real browser against the running mesh: edge → orders → inventory behind sidecars, with traffic and a tripped circuit.</summary>
[Collection(MeshCollection.Name)]
public sealed class MeshPageTests(MeshFixture mesh, ITestOutputHelper output)
{
    private static readonly LocatorWaitForOptions Shown = new() { Timeout = 30_000 };

    [Fact]
    public async Task MeshPage_ShowsTheServicesTheEdgeTheCallsBetweenThem_TheProxies_AndACircuitThatOpened()
    {
        await using var backend = await TestBackend.StartAsync("flaky");
        var flaky = await FlakyServiceWithAnOpenCircuitAsync(backend);
        for (var i = 0; i < 5; i++)
        {
            using var response = await mesh.Edge.Http.GetAsync($"/orders/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = mesh.Admin.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        try
        {
            await page.GotoAsync("/ui/");

            // Calls appear once the called sidecars have reported (every 5 s) and the page polled again (every 2 s).
            await page.Locator($"#services tr[data-service='{flaky}'] td.circuit[data-circuit-state='open']").WaitForAsync(Shown);
            await page.Locator("#graph g.call[data-call='edge>orders']").WaitForAsync(Shown);
            await page.Locator("#graph g.call[data-call='orders>inventory']").WaitForAsync(Shown);

            Assert.Equal("Mesh", await page.TitleAsync());
            Assert.Equal(1, await page.Locator("#graph g.node.edge[data-node='edge:edge']").CountAsync());
            Assert.Equal(1, await page.Locator("#graph g.node.service[data-node='orders']").CountAsync());
            Assert.Equal(1, await page.Locator("#graph g.node.service[data-node='inventory']").CountAsync());
            Assert.Equal("down", await page.Locator($"#graph g.node.service[data-node='{flaky}']").GetAttributeAsync("data-health"));
            Assert.Contains("OPEN", await page.Locator($"#services tr[data-service='{flaky}'] td.circuit").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("closed", await page.Locator("#services tr[data-service='orders'] td.circuit").GetAttributeAsync("data-circuit-state"));
            Assert.Equal("edge", await page.Locator("#proxies tr[data-proxy='edge']").GetAttributeAsync("data-mode"));
            Assert.Equal("sidecar", await page.Locator("#proxies tr[data-proxy='orders-1']").GetAttributeAsync("data-mode"));
            Assert.Equal("sidecar", await page.Locator("#proxies tr[data-proxy='inventory-1']").GetAttributeAsync("data-mode"));
            Assert.Contains("updated", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Empty(errors);
        }
        finally
        {
            var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "mesh-page.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");
        }
    }

    [Theory]
    [InlineData("/ui/", "text/html")]
    [InlineData("/ui/mesh.js", "text/javascript")]
    [InlineData("/ui/mesh.css", "text/css")]
    public async Task MeshPageFiles_AreServedByTheSilo_AllowedToLoadAndCallOnlyThisOrigin(string path, string type)
    {
        using var response = await mesh.Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task DashboardHostPage_LinksToTheMeshPage()
    {
        var html = await mesh.Admin.GetStringAsync("/dashboard/");

        Assert.Contains("Orleans Dashboard", html, StringComparison.Ordinal);
        Assert.Contains("id=\"mesh-page-link\" href=\"/ui/\"", html, StringComparison.Ordinal);
    }

    /// <summary>A service behind the edge whose only endpoint fails until its circuit opens (and stays open for an hour).</summary>
    private async Task<string> FlakyServiceWithAnOpenCircuitAsync(TestBackend backend)
    {
        var name = Names.Unique("flaky");
        await mesh.Admin.PutServiceAsync(name, """
            { "retry": { "attempts": 0 },
              "circuitBreaker": { "failureRatio": 0.5, "minimumThroughput": 5, "window": "10s", "breakDuration": "1h", "halfOpenProbes": 1 } }
            """);
        await mesh.Admin.PutEndpointAsync(name, backend);
        await mesh.Edge.WaitForVersionAsync(await mesh.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }"""));
        backend.FailWith(500);
        await Eventually.HoldsAsync(
            async () =>
            {
                await Burst.GetAsync(mesh.Edge.Http, $"/{name}/x", 5);
                return (string?)JsonNode.Parse(await mesh.Admin.GetStringAsync($"/api/v1/circuits/{name}"))!["state"] == "open";
            },
            "the flaky service's circuit to open");
        return name;
    }
}
