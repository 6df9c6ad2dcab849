using Mesh.Contracts.Routes;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Mesh.Proxy.Caching;

/// <summary>
/// RFC 9111 as a shared cache applies it: whether a response may be stored (§3, §3.5), how long it is fresh (§4.2.1) and
/// how old it already is (§4.2.3), and whether a stored one may answer a request (§4.2, §5.2.1).
/// </summary>
internal static class CachePolicy
{
    /// <summary>Statuses a cache may store with no explicit freshness (RFC 9110 §15.1): where <c>defaultTtl</c> applies.</summary>
    private static readonly HashSet<int> CacheableByDefault = [200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501];

    /// <summary>
    /// Statuses whose caching rules this cache implements: with <c>must-understand</c> (RFC 9111 §5.2.2.3) only these are
    /// stored, and for them <c>no-store</c> is then ignored.
    /// </summary>
    private static readonly HashSet<int> Understood =
    [
        200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 426,
        500, 501, 502, 503, 504, 505,
    ];

    /// <summary>
    /// Fields that speak to caches like this one rather than to every cache (RFC 9213, and the Edge Architecture's
    /// <c>Surrogate-Control</c>): the first present replaces <c>Cache-Control</c> and <c>Expires</c>.
    /// </summary>
    private static readonly string[] TargetedFields = ["CDN-Cache-Control", "Surrogate-Control"];

    /// <summary>Metadata of the stored body: a 304 never changes it (RFC 9111 §3.2), or the body would no longer match.</summary>
    private static readonly HashSet<string> KeptOn304 = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.ContentEncoding, HeaderNames.ContentRange, HeaderNames.ContentMD5, HeaderNames.ETag,
    };

    /// <summary>Headers that describe one connection, never a stored response (RFC 9110 §7.6.1), and those set per answer.</summary>
    private static readonly HashSet<string> NotStored = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.Connection, HeaderNames.KeepAlive, "Proxy-Connection",
        HeaderNames.TransferEncoding, HeaderNames.Upgrade, HeaderNames.TE, HeaderNames.Trailer, HeaderNames.ProxyAuthenticate,
    };

    /// <summary>What the request asks of the cache; <c>Pragma: no-cache</c> counts only without a <c>Cache-Control</c> (§5.4).</summary>
    public static CacheDirectives RequestDirectives(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers.CacheControl.Count > 0)
        {
            return CacheDirectives.Parse(headers.CacheControl);
        }

        return headers.Pragma.Count > 0 && headers.Pragma.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase)
            ? new CacheDirectives { NoCache = true }
            : default;
    }

    /// <summary>
    /// The timing and variant headers of a response the cache may store, or null when it may not: not a GET, a status
    /// or directive that forbids it, <c>Set-Cookie</c> (never shared between callers), <c>Vary: *</c>, an authenticated
    /// request without the response's leave to share it, or nothing saying how long it stays fresh.
    /// </summary>
    public static (StoredTiming Timing, HashSet<string> Vary)? Storable(
        HttpRequest request, int status, IHeaderDictionary response, CacheSpec spec, bool authenticated, DateTimeOffset requestTime, DateTimeOffset responseTime)
    {
        if (!HttpMethods.IsGet(request.Method) || status is < 200 or 206 or 304 or > 599 || response.ContainsKey(HeaderNames.SetCookie))
        {
            return null;
        }

        var targeted = Targeted(response);
        var directives = targeted ?? CacheDirectives.Parse(response.CacheControl);
        var noStore = directives.NoStore && !(directives.MustUnderstand && Understood.Contains(status));
        if (noStore || directives.Private || RequestDirectives(request).NoStore || (directives.MustUnderstand && !Understood.Contains(status)))
        {
            return null;
        }

        var vary = new HashSet<string>(spec.VaryByHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var name in response.Vary.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (name == "*")
            {
                return null;
            }

            vary.Add(name.ToLowerInvariant());
        }

        if ((authenticated || request.Headers.ContainsKey(HeaderNames.Authorization))
            && !(directives.Public || directives.SharedMaxAge.HasValue || directives.MustRevalidate))
        {
            return null;
        }

        var date = TryDate(response.Date) ?? responseTime;
        var hasValidator = response.ContainsKey(HeaderNames.ETag) || response.ContainsKey(HeaderNames.LastModified);
        TimeSpan lifetime;
        if ((directives.SharedMaxAge ?? directives.MaxAge) is { } explicitAge)
        {
            lifetime = explicitAge;
        }
        else if (targeted is null && response.Expires.Count > 0)
        {
            // An Expires that is not a date means "already expired" (§5.3).
            lifetime = HttpDates.Parse(response.Expires, responseTime) is { } expires && expires > date ? expires - date : TimeSpan.Zero;
        }
        else if ((CacheableByDefault.Contains(status) || directives.Public) && spec.DefaultTtl > TimeSpan.Zero)
        {
            lifetime = spec.DefaultTtl;
        }
        else if (directives.NoCache && hasValidator)
        {
            lifetime = TimeSpan.Zero;
        }
        else
        {
            return null;
        }

        lifetime = lifetime > spec.MaxTtl ? spec.MaxTtl : lifetime;
        if (lifetime <= TimeSpan.Zero && !hasValidator)
        {
            return null;
        }

        var apparentAge = responseTime - date;
        var correctedAge = AgeValue(response) + (responseTime - requestTime);
        var initialAge = apparentAge > correctedAge ? apparentAge : correctedAge;
        var timing = new StoredTiming(
            responseTime,
            initialAge > TimeSpan.Zero ? initialAge : TimeSpan.Zero,
            lifetime,
            directives.NoCache,
            directives.MustRevalidate || directives.SharedMaxAge.HasValue);
        return (timing, vary);
    }

    /// <summary>How a stored response may answer: as it is, stale as the client allows, after asking the upstream, or not at all.</summary>
    public static StoredUse Use(StoredResponse stored, CacheDirectives request, DateTimeOffset now)
    {
        var timing = stored.Timing;
        var age = timing.AgeAt(now);
        var freshFor = timing.Lifetime - age;
        var mustAsk = timing.NoCache || request.NoCache
            || (request.MaxAge is { } maxAge && age > maxAge)
            || (request.MinFresh is { } minFresh && freshFor < minFresh);
        if (!mustAsk && freshFor > TimeSpan.Zero)
        {
            return StoredUse.Fresh;
        }

        if (!mustAsk && !timing.MustRevalidate && request.MaxStale is { } maxStale && -freshFor <= maxStale)
        {
            return StoredUse.StaleAllowed;
        }

        return stored.HasValidator ? StoredUse.Revalidate : StoredUse.Refetch;
    }

    /// <summary>Whether a 304's value of <paramref name="name"/> replaces the stored one.</summary>
    public static bool UpdatedBy304(string name) => !KeptOn304.Contains(name);

    /// <summary>The response's headers as they are stored: without those of the connection, those it names, and the proxy's own.</summary>
    public static KeyValuePair<string, StringValues>[] StoredHeaders(IHeaderDictionary response)
    {
        var named = response.Connection.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. response.Where(h => !NotStored.Contains(h.Key) && !named.Contains(h.Key) && !IsProxyOwn(h.Key))];
    }

    public static DateTimeOffset? TryDate(StringValues value) =>
        value.Count > 0 && HeaderUtilities.TryParseDate(value[0], out var date) ? date : null;

    private static bool IsProxyOwn(string name) => name.StartsWith("x-mesh-", StringComparison.OrdinalIgnoreCase);

    private static CacheDirectives? Targeted(IHeaderDictionary response)
    {
        foreach (var field in TargetedFields)
        {
            if (response.TryGetValue(field, out var value) && !StringValues.IsNullOrEmpty(value) && value.ToString().Trim().Length > 0)
            {
                return CacheDirectives.Parse(value);
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>Age</c> the response arrived with: of a list, the first member; one that is not a delta-seconds is ignored
    /// (RFC 9111 §5.1).
    /// </summary>
    private static TimeSpan AgeValue(IHeaderDictionary response)
    {
        if (response.Age.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var first = (response.Age[0] ?? string.Empty).Split(',')[0].Trim();
        return long.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue))
            : TimeSpan.Zero;
    }
}
