using System.Net;
using System.Net.Http.Headers;
using Mesh.Silo.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>
/// One guard for the whole admin listener of a silo started with a token: every path but the health probes and
/// the login needs the token, as a bearer header or as the session cookie a login sets; a browser session may
/// change nothing from another site.
/// </summary>
public sealed class AdminTokenTests(GuardedSiloFixture guarded) : IClassFixture<GuardedSiloFixture>
{
    private const string Token = GuardedSiloFixture.Token;
    private const string WrongToken = "guess-4711";

    /// <summary>Every kind of page the admin listener serves.</summary>
    public static TheoryData<string> GuardedPaths => new()
    {
        "/api/v1/services",
        "/api/v1/config",
        "/dashboard/",
        "/dashboard/ClusterStats",
        "/dashboard/Trace",
        "/metrics",
        "/openapi/v1.json",
        "/api-docs/",
        "/ui/",
        "/ui/mesh.js",
    };

    private SiloProcess Silo => guarded.Silo;

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task GuardedPath_Is401WithoutTheToken_AndWithAWrongOne_And200WithTheHeaderOrTheLoginCookie(string path)
    {
        using var anonymous = Client();
        using var wrong = Client();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WrongToken);
        using var browser = Client();
        browser.DefaultRequestHeaders.Add("Cookie", await LoginCookiesAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, path));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(wrong, path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Silo.Http, path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, path));
    }

    [Theory]
    [InlineData("/ui/")]
    [InlineData("/no-such-page")]
    public async Task PathsThatServeNothingYet_AreGuardedToo(string path)
    {
        using var anonymous = Client();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, path));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/login")]
    public async Task HealthProbesAndTheLoginPage_StayOpen(string path)
    {
        using var anonymous = Client();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(anonymous, path));
    }

    [Fact]
    public async Task Refusal_SaysHowToAuthenticate_AndIsLoggedWithoutThePresentedValue()
    {
        using var wrong = Client();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WrongToken);

        using var response = await wrong.GetAsync("/api/v1/services");
        var problem = await response.ReadJsonAsync();

        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/login", (string?)problem["detail"], StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            () => Task.FromResult(Silo.Process.Output.Contains("Admin request refused", StringComparison.Ordinal)),
            "the refusal to be logged");
        Assert.DoesNotContain(WrongToken, Silo.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, Silo.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserAskingForAPageWithoutASession_IsSentToTheLogin_ComingBackWhereItWas()
    {
        using var browser = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/?tab=grains");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fdashboard%2F%3Ftab%3Dgrains", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_SetsAnHttpOnlySameSiteStrictSession_AndRedirectsOnlyToLocalPaths()
    {
        using var browser = Client();

        using var local = await LoginAsync(browser, Token, "/api-docs/");
        using var foreign = await LoginAsync(browser, Token, "//evil.example/");
        var session = local.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mesh_admin_session=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.Equal("/api-docs/", local.Headers.Location?.OriginalString);
        Assert.Equal("/dashboard/", foreign.Headers.Location?.OriginalString);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(session.Split(';').Skip(1), attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Token, session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAWrongToken_Is401AndSetsNoCookie()
    {
        using var browser = Client();

        using var response = await LoginAsync(browser, WrongToken, "/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("That is not the admin token.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossSiteFormPostWithTheSessionCookie_IsRefused_AndChangesNothing()
    {
        using var browser = Client();
        browser.DefaultRequestHeaders.Add("Cookie", await LoginCookiesAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circuits/forged/reset")
        {
            Content = new FormUrlEncodedContent([new("x", "y")]),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-site request refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Cross-site or unverified browser request refused", Silo.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionWrite_NeedsTheAntiForgeryTokenEvenFromThisOrigin_AndSucceedsWithIt()
    {
        var cookies = await LoginCookiesAsync();
        var antiForgery = cookies.Split("; ").Single(c => c.StartsWith("mesh_admin_csrf=", StringComparison.Ordinal))["mesh_admin_csrf=".Length..];
        using var browser = Client();
        browser.DefaultRequestHeaders.Add("Cookie", cookies);
        browser.DefaultRequestHeaders.Add("Origin", Silo.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));

        using var withoutToken = await browser.PutJsonAsync("/api/v1/services/session-write", "{}");
        using var withToken = new HttpRequestMessage(HttpMethod.Put, "/api/v1/services/session-write") { Content = HttpJson.Json("{}") };
        withToken.Headers.Add("X-Mesh-Csrf", antiForgery);
        using var written = await browser.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheBrowsersSession()
    {
        using var browser = Client();
        using var logout = await browser.PostAsync("/logout", null);
        var cleared = logout.Headers.GetValues("Set-Cookie").ToList();

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Contains(cleared, c => c.StartsWith("mesh_admin_session=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
    }

    private HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Silo.Http.BaseAddress };

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string token, string returnUrl) =>
        client.PostAsync("/login", new FormUrlEncodedContent([new("token", token), new("returnUrl", returnUrl)]));

    /// <summary>The cookies a browser holds after logging in, as a Cookie header.</summary>
    private async Task<string> LoginCookiesAsync()
    {
        using var browser = Client();
        using var response = await LoginAsync(browser, Token, "/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
