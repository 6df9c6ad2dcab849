using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Maps between <see cref="CacheDocument"/> and <see cref="CacheSpec"/>.</summary>
public static class CacheDocuments
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>One stored response is at most this large: an entry is held in memory whole.</summary>
    public const long MaxBodyLimit = 64L * 1024 * 1024;

    public const int MaxVaryHeaders = 16;

    public static readonly TimeSpan DefaultMaxTtl = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxTtlLimit = TimeSpan.FromDays(365);

    public static CacheSpec? Parse(CacheDocument? document, ValidationErrors errors)
    {
        if (document is null)
        {
            return null;
        }

        var read = new DocumentReader(errors);
        var defaultTtl = read.Duration(document.DefaultTtl, "cache.defaultTtl", TimeSpan.Zero, allowZero: true);
        var maxTtl = read.Duration(document.MaxTtl, "cache.maxTtl", DefaultMaxTtl);
        if (maxTtl <= TimeSpan.Zero || maxTtl > MaxTtlLimit)
        {
            errors.Add("cache.maxTtl", $"must be more than 0s and at most {Duration.Format(MaxTtlLimit)}");
        }
        else if (defaultTtl > maxTtl)
        {
            errors.Add("cache.defaultTtl", "must not be longer than cache.maxTtl");
        }

        var maxBody = document.MaxBodyBytes ?? DefaultMaxBodyBytes;
        if (maxBody is < 1 or > MaxBodyLimit)
        {
            errors.Add("cache.maxBodyBytes", $"must be between 1 and {MaxBodyLimit} bytes");
        }

        var headers = document.VaryByHeaders ?? [];
        if (headers.Count > MaxVaryHeaders)
        {
            errors.Add("cache.varyByHeaders", $"must name at most {MaxVaryHeaders} headers");
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (!HttpSyntax.IsToken(headers[i]))
            {
                errors.Add(FieldPath.Index("cache.varyByHeaders", i), "must be a header name");
            }
        }

        return new CacheSpec(
            defaultTtl,
            maxTtl,
            maxBody,
            [.. headers.Where(HttpSyntax.IsToken).Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            document.VaryByConsumer ?? false);
    }

    public static CacheDocument From(CacheSpec spec) => new()
    {
        DefaultTtl = Duration.Format(spec.DefaultTtl),
        MaxTtl = Duration.Format(spec.MaxTtl),
        MaxBodyBytes = spec.MaxBodyBytes,
        VaryByHeaders = spec.VaryByHeaders.IsEmpty ? null : spec.VaryByHeaders,
        VaryByConsumer = spec.VaryByConsumer,
    };
}
