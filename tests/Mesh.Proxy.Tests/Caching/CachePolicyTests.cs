using Mesh.Contracts.Routes;
using Mesh.Proxy.Caching;
using Microsoft.AspNetCore.Http;

namespace Mesh.Proxy.Tests.Caching;

public sealed class CachePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly CacheSpec Spec = new(TimeSpan.Zero, TimeSpan.FromHours(1), 1024 * 1024, [], false);

    [Fact]
    public void Storable_SharedMaxAgeOutranksMaxAge_AndImpliesProxyRevalidate()
    {
        var (timing, _) = Storable(Response(("Cache-Control", "max-age=10, s-maxage=100")))!.Value;

        Assert.Equal(TimeSpan.FromSeconds(100), timing.Lifetime);
        Assert.True(timing.MustRevalidate);
    }

    [Fact]
    public void Storable_ExpiresCountsFromTheResponsesDate_AndAnInvalidOneIsAlreadyStale()
    {
        var dated = Response(("Date", "Wed, 02 Dec 2026 11:00:00 GMT"), ("Expires", "Wed, 02 Dec 2026 11:10:00 GMT"), ("ETag", "\"x\""));
        var invalid = Response(("Expires", "0"), ("ETag", "\"x\""));

        Assert.Equal(TimeSpan.FromMinutes(10), Storable(dated)!.Value.Timing.Lifetime);
        Assert.Equal(TimeSpan.FromHours(1), Storable(dated)!.Value.Timing.InitialAge);
        Assert.Equal(TimeSpan.Zero, Storable(invalid)!.Value.Timing.Lifetime);
    }

    [Theory]
    [InlineData("Thu, 18 Aug 2050 02:01:18 GMT", true)]
    [InlineData("THU, 18 AUG 2050 02:01:18 gMT", true)]
    [InlineData("Thursday, 18-Aug-50 02:01:18 GMT", true)]
    [InlineData("Thu Aug  8 02:01:18 2050", true)]
    [InlineData("Thu, 18 Aug 2050 02:01:18 UTC", false)]
    [InlineData("Thu, 18 Aug 50 02:01:18 GMT", false)]
    [InlineData("Thu 18 Aug 2050 02:01:18 GMT", false)]
    [InlineData("Thu, 18  Aug  2050 02:01:18 GMT", false)]
    [InlineData("Thu, 18-Aug-2050 02:01:18 GMT", false)]
    [InlineData("Thu, 18 Aug 2050 2:01:18 GMT", false)]
    public void Storable_AnExpiresThatIsNotAStrictHttpDate_IsAlreadyStale(string expires, bool fresh)
    {
        var lifetime = Storable(Response(("Expires", expires), ("ETag", "\"x\"")))!.Value.Timing.Lifetime;

        Assert.Equal(fresh, lifetime > TimeSpan.Zero);
    }

    [Fact]
    public void Storable_TwoExpiresLines_AreAlreadyStale()
    {
        var response = Response(("Expires", "Thu, 18 Aug 2050 02:01:18 GMT"), ("Expires", "Thu, 18 Aug 2050 02:01:19 GMT"), ("ETag", "\"x\""));

        Assert.Equal(TimeSpan.Zero, Storable(response)!.Value.Timing.Lifetime);
    }

    [Fact]
    public void Storable_TheAgeHeaderAddsToTheInitialAge()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Storable(Response(("Cache-Control", "max-age=60"), ("Age", "30")))!.Value.Timing.InitialAge);
    }

    [Theory]
    [InlineData("30, 7200", 30)]
    [InlineData("abc", 0)]
    [InlineData("-7200", 0)]
    [InlineData("7200.0", 0)]
    public void Storable_OfAnAgeList_TheFirstMemberCounts_AndAnInvalidOneIsIgnored(string age, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Storable(Response(("Cache-Control", "max-age=60"), ("Age", age)))!.Value.Timing.InitialAge);
    }

    [Fact]
    public void Storable_MustUnderstand_StoresOnlyKnownStatuses_AndOverridesNoStoreForThem()
    {
        Assert.Null(Storable(Response(("Cache-Control", "max-age=3600, must-understand")), status: 599));
        Assert.NotNull(Storable(Response(("Cache-Control", "max-age=3600, must-understand, no-store")), status: 200));
    }

    [Fact]
    public void Storable_ATargetedField_ReplacesCacheControlAndExpires()
    {
        var shorter = Storable(Response(("Cache-Control", "max-age=3600"), ("CDN-Cache-Control", "max-age=10")))!.Value.Timing.Lifetime;
        var despiteNoStore = Storable(Response(("Cache-Control", "no-store"), ("Surrogate-Control", "max-age=60")));
        var noStore = Storable(Response(("Cache-Control", "max-age=3600"), ("Expires", "Fri, 01 Jan 2038 01:01:01 GMT"), ("Surrogate-Control", "no-store")));

        Assert.Equal(TimeSpan.FromSeconds(10), shorter);
        Assert.Equal(TimeSpan.FromSeconds(60), despiteNoStore!.Value.Timing.Lifetime);
        Assert.Null(noStore);
    }

    [Theory]
    [InlineData("Content-Length", false)]
    [InlineData("Content-Encoding", false)]
    [InlineData("ETag", false)]
    [InlineData("Cache-Control", true)]
    [InlineData("Content-Type", true)]
    public void UpdatedBy304_KeepsTheStoredBodysMetadata(string name, bool updated)
    {
        Assert.Equal(updated, CachePolicy.UpdatedBy304(name));
    }

    [Fact]
    public void Storable_NeverPastMaxTtl()
    {
        Assert.Equal(TimeSpan.FromHours(1), Storable(Response(("Cache-Control", "max-age=86400")))!.Value.Timing.Lifetime);
    }

    [Theory]
    [InlineData("Cache-Control", "no-store, max-age=60")]
    [InlineData("Cache-Control", "private, max-age=60")]
    [InlineData("Set-Cookie", "session=1")]
    [InlineData("Vary", "*")]
    public void Storable_RefusesWhatMustNotBeShared(string header, string value)
    {
        Assert.Null(Storable(Response(("Cache-Control", "max-age=60"), (header, value))));
    }

    [Fact]
    public void Storable_ResponseThatSaysNothing_OnlyWithADefaultTtl_AndOnlyForStatusesCacheableByDefault()
    {
        var silent = Response();
        var withDefault = Spec with { DefaultTtl = TimeSpan.FromSeconds(30) };

        Assert.Null(Storable(silent));
        Assert.Equal(TimeSpan.FromSeconds(30), Storable(silent, spec: withDefault)!.Value.Timing.Lifetime);
        Assert.Null(Storable(silent, status: 500, spec: withDefault));
        Assert.Null(Storable(silent, status: 302, spec: withDefault));
    }

    [Fact]
    public void Storable_AnAuthenticatedRequest_OnlyWhenTheResponseAllowsSharing()
    {
        Assert.Null(Storable(Response(("Cache-Control", "max-age=60")), authorization: true));
        Assert.NotNull(Storable(Response(("Cache-Control", "public, max-age=60")), authorization: true));
        Assert.NotNull(Storable(Response(("Cache-Control", "s-maxage=60")), authorization: true));
    }

    [Fact]
    public void Storable_VaryNamesAreKeptLowerCase_WithTheRoutesOwn()
    {
        var (_, vary) = Storable(Response(("Cache-Control", "max-age=60"), ("Vary", "Accept-Language, Accept-Encoding")), spec: Spec with { VaryByHeaders = ["x-tenant"] })!.Value;

        Assert.Equal(["accept-encoding", "accept-language", "x-tenant"], vary.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Use_FreshThenStale_AndTheClientsDirectivesTighten()
    {
        var stored = Stored(lifetime: TimeSpan.FromSeconds(60), etag: "\"a\"");

        Assert.Equal(StoredUse.Fresh, CachePolicy.Use(stored, default, Now.AddSeconds(30)));
        Assert.Equal(StoredUse.Revalidate, CachePolicy.Use(stored, default, Now.AddSeconds(61)));
        Assert.Equal(StoredUse.Revalidate, CachePolicy.Use(stored, new CacheDirectives { MaxAge = TimeSpan.FromSeconds(10) }, Now.AddSeconds(30)));
        Assert.Equal(StoredUse.Revalidate, CachePolicy.Use(stored, new CacheDirectives { MinFresh = TimeSpan.FromSeconds(40) }, Now.AddSeconds(30)));
        Assert.Equal(StoredUse.Revalidate, CachePolicy.Use(stored, new CacheDirectives { NoCache = true }, Now));
        Assert.Equal(StoredUse.StaleAllowed, CachePolicy.Use(stored, new CacheDirectives { MaxStale = TimeSpan.FromSeconds(10) }, Now.AddSeconds(65)));
        Assert.Equal(StoredUse.Refetch, CachePolicy.Use(Stored(lifetime: TimeSpan.FromSeconds(60)), default, Now.AddSeconds(61)));
    }

    [Fact]
    public void Use_MustRevalidate_IsNeverServedStale()
    {
        var stored = Stored(lifetime: TimeSpan.FromSeconds(60), etag: "\"a\"", mustRevalidate: true);

        Assert.Equal(StoredUse.Revalidate, CachePolicy.Use(stored, new CacheDirectives { MaxStale = TimeSpan.MaxValue }, Now.AddSeconds(61)));
    }

    [Fact]
    public void StoredHeaders_LeaveOutTheConnectionsAndTheProxysOwn()
    {
        var headers = CachePolicy.StoredHeaders(Response(("Connection", "x-hop"), ("x-hop", "1"), ("Keep-Alive", "5"), ("Age", "3"), ("x-mesh-proxy", "edge-1"), ("ETag", "\"a\"")));

        Assert.Equal(["ETag"], headers.Select(h => h.Key));
    }

    private static HeaderDictionary Response(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary.Append(name, value);
        }

        return dictionary;
    }

    private static (StoredTiming Timing, HashSet<string> Vary)? Storable(HeaderDictionary response, int status = 200, CacheSpec? spec = null, bool authorization = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        if (authorization)
        {
            context.Request.Headers.Authorization = "Bearer x";
        }

        return CachePolicy.Storable(context.Request, status, response, spec ?? Spec, authenticated: false, Now, Now);
    }

    private static StoredResponse Stored(TimeSpan lifetime, string? etag = null, bool mustRevalidate = false)
    {
        var context = new DefaultHttpContext();
        var headers = etag is null ? Array.Empty<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>() : [new("ETag", etag)];
        return new StoredResponse(
            "http://a/x", "r", "/x", 200, headers, [], new StoredTiming(Now, TimeSpan.Zero, lifetime, NoCache: false, mustRevalidate),
            StoredVariant.Of("r", [], context.Request, null));
    }
}
