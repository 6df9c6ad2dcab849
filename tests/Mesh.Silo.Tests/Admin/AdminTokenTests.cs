using System.Net;
using System.Net.Http.Headers;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

public sealed class AdminTokenTests : IAsyncLifetime
{
    private const string Token = "s3cret-token";
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(token: Token);
        await _silo.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Api_WithATokenConfigured_RefusesCallsWithoutTheRightBearerToken()
    {
        using var anonymous = new HttpClient { BaseAddress = _silo.Http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = _silo.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        var none = await anonymous.PutJsonAsync("/api/v1/services/guarded", "{}");
        var bad = await wrong.GetAsync("/api/v1/services");
        var good = await _silo.Http.PutJsonAsync("/api/v1/services/guarded", "{}");
        var health = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _silo.Http.GetAsync("/api/v1/services/guarded")).StatusCode);
    }
}
