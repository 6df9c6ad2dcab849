using System.Collections.Immutable;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Maps between <see cref="CorsDocument"/> and <see cref="CorsSpec"/>.</summary>
public static class CorsDocuments
{
    public const string Any = "*";

    /// <summary>The CORS-safelisted methods: what a route allows when it names none.</summary>
    public static readonly ImmutableArray<string> DefaultMethods = ["GET", "HEAD", "POST"];

    public static CorsSpec? Parse(CorsDocument? document, ValidationErrors errors)
    {
        if (document is null)
        {
            return null;
        }

        var credentials = document.AllowCredentials ?? false;
        var origins = document.AllowOrigins ?? [];
        if (origins.Count == 0)
        {
            errors.Add("cors.allowOrigins", "must name at least one origin");
        }

        for (var i = 0; i < origins.Count; i++)
        {
            var field = FieldPath.Index("cors.allowOrigins", i);
            if (origins[i] == Any)
            {
                if (credentials)
                {
                    errors.Add(field, "\"*\" is never allowed with allowCredentials: name the origins");
                }
            }
            else if (!IsOriginPattern(origins[i]))
            {
                errors.Add(field, "must be \"*\" or an origin such as https://app.example.com, with at most one leading '*.' label");
            }
        }

        var methods = document.AllowMethods ?? [];
        for (var i = 0; i < methods.Count; i++)
        {
            if (!HttpSyntax.Methods.Contains(methods[i]?.ToUpperInvariant() ?? string.Empty))
            {
                errors.Add(FieldPath.Index("cors.allowMethods", i), "must be an HTTP method such as GET or POST");
            }
        }

        var allowHeaders = Headers(document.AllowHeaders, "cors.allowHeaders", credentials, errors);
        var exposeHeaders = Headers(document.ExposeHeaders, "cors.exposeHeaders", credentials, errors);
        return new CorsSpec(
            [.. origins.Where(o => o is not null).Select(o => o.ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            methods.Count == 0 ? DefaultMethods : [.. methods.Select(m => m?.ToUpperInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal)],
            allowHeaders,
            exposeHeaders,
            credentials,
            new DocumentReader(errors).OptionalDuration(document.MaxAge, "cors.maxAge"));
    }

    public static CorsDocument From(CorsSpec spec) => new()
    {
        AllowOrigins = spec.AllowOrigins,
        AllowMethods = spec.AllowMethods,
        AllowHeaders = spec.AllowHeaders,
        ExposeHeaders = spec.ExposeHeaders,
        AllowCredentials = spec.AllowCredentials,
        MaxAge = spec.MaxAge is { } maxAge ? Duration.Format(maxAge) : null,
    };

    /// <summary><c>scheme://host[:port]</c>, the host's leftmost label possibly <c>*</c>; nothing after the authority.</summary>
    public static bool IsOriginPattern(string? origin)
    {
        if (origin is null)
        {
            return false;
        }

        var separator = origin.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0 || origin[..separator] is not ("http" or "https" or "HTTP" or "HTTPS"))
        {
            return false;
        }

        var authority = origin[(separator + 3)..];
        var host = authority.StartsWith("*.", StringComparison.Ordinal) ? authority[2..] : authority;
        return host.Length > 0 && !host.Contains('*') && !host.Contains('/') && HttpSyntax.IsHost(host);
    }

    private static ImmutableArray<string> Headers(IReadOnlyList<string>? headers, string field, bool credentials, ValidationErrors errors)
    {
        headers ??= [];
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i] == Any ? credentials : !HttpSyntax.IsToken(headers[i]))
            {
                errors.Add(FieldPath.Index(field, i), headers[i] == Any ? "\"*\" is never allowed with allowCredentials" : "must be a header name or \"*\"");
            }
        }

        return [.. headers.Where(h => h is not null).Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
    }
}
