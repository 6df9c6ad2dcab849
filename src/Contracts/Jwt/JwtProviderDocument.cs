using System.Text.Json;

namespace Mesh.Contracts.Jwt;

/// <summary>The JSON shape of a JWT provider. <c>name</c>, <c>jwksStatus</c> and <c>version</c> are read-only.</summary>
public sealed record JwtProviderDocument
{
    public string? Name { get; init; }

    public string? Issuer { get; init; }

    public IReadOnlyList<string>? Audiences { get; init; }

    /// <summary>An inline JSON Web Key Set (RFC 7517): <c>{"keys": [...]}</c>.</summary>
    public JsonElement? Jwks { get; init; }

    public string? JwksUri { get; init; }

    public string? ConsumerClaim { get; init; }

    public string? GroupsClaim { get; init; }

    public IReadOnlyList<ClaimHeaderDocument>? ClaimsToHeaders { get; init; }

    public string? ClockSkew { get; init; }

    /// <summary>How the control plane's last fetch of <c>jwksUri</c> went.</summary>
    public JwksStatusDocument? JwksStatus { get; init; }

    public long? Version { get; init; }
}

public sealed record ClaimHeaderDocument
{
    public string? Claim { get; init; }

    public string? Header { get; init; }
}

/// <summary><c>keys</c>: signing keys edges hold now; <c>error</c>: why the last fetch failed (the last good keys stay in use).</summary>
public sealed record JwksStatusDocument
{
    public int Keys { get; init; }

    public DateTimeOffset? FetchedAt { get; init; }

    public DateTimeOffset? AttemptedAt { get; init; }

    public string? Error { get; init; }
}
