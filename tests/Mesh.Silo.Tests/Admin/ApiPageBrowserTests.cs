using Mesh.Silo.Tests.Harness;
using Mesh.Testing;
using Microsoft.Playwright;

namespace Mesh.Silo.Tests.Admin;

/// <summary>The API page and the login in a real browser, as a person with a token and no command line would use them.</summary>
public sealed class ApiPageBrowserTests(GuardedSiloFixture guarded) : IClassFixture<GuardedSiloFixture>
{
    private static readonly string[] Resources = ["Services", "Endpoints", "Routes", "Rate limits", "Circuits", "Identity", "Authorization", "Configuration", "Proxies"];

    [Fact]
    public async Task ApiPage_AfterALoginInTheBrowser_ShowsTheAdminResources_AndNoDashboardOperationOrThirdPartyButton()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = guarded.Silo.Http.BaseAddress!.ToString() });

        await page.GotoAsync("/api-docs/");
        await page.WaitForURLAsync("**/login?returnUrl=*");
        await page.FillAsync("#token", GuardedSiloFixture.Token);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/api-docs/");
        await page.GetByText("Create or replace a service").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var text = await page.InnerTextAsync("body");

        Assert.Equal("Mesh admin API", await page.TitleAsync());
        Assert.All(Resources, resource => Assert.Contains(resource, text, StringComparison.Ordinal));
        Assert.DoesNotContain("/dashboard", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ask AI", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Generate SDK", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Deploy", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_IsReachableInTheBrowserAfterTheLogin_AndNotBefore()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = guarded.Silo.Http.BaseAddress!.ToString() });

        var before = await page.APIRequest.GetAsync("/dashboard/ClusterStats");
        await page.GotoAsync("/login?returnUrl=/dashboard/");
        await page.FillAsync("#token", GuardedSiloFixture.Token);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/");
        var after = await page.APIRequest.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(401, before.Status);
        Assert.Equal(200, after.Status);
    }
}
