using System.Collections.Immutable;
using System.Text.Json;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Jwt;

/// <summary>Maps between <see cref="JwtProviderDocument"/> and <see cref="JwtProviderSpec"/>.</summary>
public static class JwtProviderDocuments
{
    public const string DefaultConsumerClaim = "sub";
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    public static JwtProviderSpec Parse(JwtProviderDocument document, ValidationErrors errors)
    {
        var read = new DocumentReader(errors);
        var issuer = read.Required(document.Issuer, "issuer");
        var audiences = document.Audiences ?? [];
        for (var i = 0; i < audiences.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(audiences[i]))
            {
                errors.Add(FieldPath.Index("audiences", i), "must be a non-empty string");
            }
        }

        var inline = document.Jwks is { ValueKind: not JsonValueKind.Null } jwks ? jwks.GetRawText() : null;
        var uri = ParseUri(document.JwksUri, errors);
        if ((inline is null) == (document.JwksUri is null))
        {
            errors.Add(inline is null ? "jwksUri" : "jwks", "exactly one of jwks (an inline key set) and jwksUri must be given");
        }
        else if (inline is not null && JsonWebKeys.Read(inline).Error is { } error)
        {
            errors.Add("jwks", error);
        }

        var consumerClaim = document.ConsumerClaim ?? DefaultConsumerClaim;
        if (string.IsNullOrWhiteSpace(consumerClaim))
        {
            errors.Add("consumerClaim", "must name a claim");
        }

        if (document.GroupsClaim is { } groups && string.IsNullOrWhiteSpace(groups))
        {
            errors.Add("groupsClaim", "must name a claim, or be left out");
        }

        var skew = document.ClockSkew is null ? DefaultClockSkew : ParseSkew(document.ClockSkew, errors);
        return new JwtProviderSpec(
            issuer,
            [.. audiences.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal)],
            inline is null ? null : Canonical(inline),
            uri,
            consumerClaim,
            document.GroupsClaim,
            ParseClaimHeaders(document.ClaimsToHeaders, errors),
            skew);
    }

    public static JwtProviderDocument From(string name, JwtProviderSpec spec) => new()
    {
        Name = name,
        Issuer = spec.Issuer,
        Audiences = spec.Audiences,
        Jwks = spec.Jwks is { } jwks ? JsonElement.Parse(jwks) : null,
        JwksUri = spec.JwksUri?.AbsoluteUri,
        ConsumerClaim = spec.ConsumerClaim,
        GroupsClaim = spec.GroupsClaim,
        ClaimsToHeaders = spec.ClaimsToHeaders.Select(c => new ClaimHeaderDocument { Claim = c.Claim, Header = c.Header }).ToArray(),
        ClockSkew = Duration.Format(spec.ClockSkew),
    };

    private static Uri? ParseUri(string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("jwksUri", "must be an absolute http or https URL without credentials");
            return null;
        }

        return uri;
    }

    private static TimeSpan ParseSkew(string text, ValidationErrors errors)
    {
        if (text is "0s" or "0ms" or "0")
        {
            return TimeSpan.Zero;
        }

        var skew = new DocumentReader(errors).OptionalDuration(text, "clockSkew") ?? DefaultClockSkew;
        if (skew > MaxClockSkew)
        {
            errors.Add("clockSkew", $"must be at most {Duration.Format(MaxClockSkew)}");
        }

        return skew;
    }

    private static ImmutableArray<ClaimHeader> ParseClaimHeaders(IReadOnlyList<ClaimHeaderDocument>? documents, ValidationErrors errors)
    {
        var headers = ImmutableArray.CreateBuilder<ClaimHeader>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var path = FieldPath.Index("claimsToHeaders", i);
            if (documents![i] is not { } document)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            if (string.IsNullOrWhiteSpace(document.Claim))
            {
                errors.Add(FieldPath.Member(path, "claim"), "is required");
            }

            if (!HttpSyntax.IsToken(document.Header))
            {
                errors.Add(FieldPath.Member(path, "header"), "is required and must be a header name");
            }
            else if (document.Header!.StartsWith("x-mesh-", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(FieldPath.Member(path, "header"), "x-mesh- headers are the mesh's own");
            }

            headers.Add(new ClaimHeader(document.Claim ?? string.Empty, document.Header?.ToLowerInvariant() ?? string.Empty));
        }

        return headers.ToImmutable();
    }

    /// <summary>One spelling per key set, so an apply of what <c>GET</c> answered changes nothing.</summary>
    private static string Canonical(string json) => JsonSerializer.Serialize(JsonElement.Parse(json));
}
