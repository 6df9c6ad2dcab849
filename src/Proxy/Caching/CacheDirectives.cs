using Microsoft.Extensions.Primitives;

namespace Mesh.Proxy.Caching;

/// <summary>
/// The <c>Cache-Control</c> directives a cache acts on (RFC 9111 §5.2), of a request or a response. Names are
/// case-insensitive, values may be quoted; of a directive given twice the first counts. A delta-seconds value that is
/// not one makes the directive mean "0" (stale at once), the safe reading of a response the cache cannot understand.
/// </summary>
internal readonly record struct CacheDirectives
{
    /// <summary>delta-seconds past this are this (RFC 9111 §1.2.2).</summary>
    private const long MaxDeltaSeconds = int.MaxValue;

    public bool NoStore { get; init; }

    public bool NoCache { get; init; }

    public bool Private { get; init; }

    public bool Public { get; init; }

    /// <summary><c>must-revalidate</c> or <c>proxy-revalidate</c>: never served stale.</summary>
    public bool MustRevalidate { get; init; }

    public bool OnlyIfCached { get; init; }

    /// <summary><c>must-understand</c>: store only a status whose caching rules the cache implements.</summary>
    public bool MustUnderstand { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public TimeSpan? SharedMaxAge { get; init; }

    public TimeSpan? MinFresh { get; init; }

    /// <summary><c>max-stale</c>: how stale a response the client accepts; <see cref="TimeSpan.MaxValue"/> without a value.</summary>
    public TimeSpan? MaxStale { get; init; }

    public bool IsEmpty => this == default;

    public static CacheDirectives Parse(StringValues header)
    {
        if (header.Count == 0)
        {
            return default;
        }

        var directives = default(CacheDirectives);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in header)
        {
            var rest = (line ?? string.Empty).AsSpan();
            while (!rest.IsEmpty)
            {
                var (name, value, hasValue) = Next(ref rest);
                if (name.Length == 0 || !seen.Add(name))
                {
                    continue;
                }

                directives = Apply(directives, name, value, hasValue);
            }
        }

        return directives;
    }

    private static CacheDirectives Apply(CacheDirectives d, string name, string value, bool hasValue) => name.ToLowerInvariant() switch
    {
        "no-store" => d with { NoStore = true },
        "no-cache" => d with { NoCache = true },
        "private" => d with { Private = true },
        "public" => d with { Public = true },
        "must-revalidate" or "proxy-revalidate" => d with { MustRevalidate = true },
        "only-if-cached" => d with { OnlyIfCached = true },
        "must-understand" => d with { MustUnderstand = true },
        "max-age" => d with { MaxAge = Seconds(value) },
        "s-maxage" => d with { SharedMaxAge = Seconds(value) },
        "min-fresh" => d with { MinFresh = Seconds(value) },
        "max-stale" => d with { MaxStale = hasValue ? Seconds(value) : TimeSpan.MaxValue },
        _ => d,
    };

    private static TimeSpan Seconds(string value)
    {
        if (value.Length == 0 || value.Length > 19)
        {
            return value.Length > 19 && value.All(char.IsAsciiDigit) ? TimeSpan.FromSeconds(MaxDeltaSeconds) : TimeSpan.Zero;
        }

        long seconds = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return TimeSpan.Zero;
            }

            seconds = Math.Min(seconds * 10 + (c - '0'), MaxDeltaSeconds);
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Reads one <c>name[=value]</c> up to the next comma outside quotes.</summary>
    private static (string Name, string Value, bool HasValue) Next(ref ReadOnlySpan<char> rest)
    {
        var i = 0;
        while (i < rest.Length && rest[i] != ',' && rest[i] != '=')
        {
            i++;
        }

        var name = rest[..i].Trim().ToString();
        if (i == rest.Length || rest[i] == ',')
        {
            rest = i == rest.Length ? [] : rest[(i + 1)..];
            return (name, string.Empty, false);
        }

        rest = rest[(i + 1)..].TrimStart();
        string value;
        if (!rest.IsEmpty && rest[0] == '"')
        {
            var builder = new System.Text.StringBuilder();
            var j = 1;
            for (; j < rest.Length && rest[j] != '"'; j++)
            {
                if (rest[j] == '\\' && j + 1 < rest.Length)
                {
                    j++;
                }

                builder.Append(rest[j]);
            }

            value = builder.ToString();
            rest = j < rest.Length ? rest[(j + 1)..] : [];
            var comma = rest.IndexOf(',');
            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }
        else
        {
            var comma = rest.IndexOf(',');
            value = (comma < 0 ? rest : rest[..comma]).Trim().ToString();
            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }

        return (name, value, true);
    }
}
