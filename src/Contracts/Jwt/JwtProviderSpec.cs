using System.Collections.Immutable;

namespace Mesh.Contracts.Jwt;

/// <summary>
/// An identity provider whose tokens edges accept. Exactly one of <see cref="Jwks"/> (an inline key set, as JSON)
/// and <see cref="JwksUri"/> (fetched by the control plane, never by an edge) gives its keys.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.jwt-provider-spec")]
public sealed record JwtProviderSpec(
    [property: Id(0)] string Issuer,
    [property: Id(1)] ImmutableArray<string> Audiences,
    [property: Id(2)] string? Jwks,
    [property: Id(3)] Uri? JwksUri,
    [property: Id(4)] string ConsumerClaim,
    [property: Id(5)] string? GroupsClaim,
    [property: Id(6)] ImmutableArray<ClaimHeader> ClaimsToHeaders,
    [property: Id(7)] TimeSpan ClockSkew);

/// <summary>A claim an edge copies into a header for the upstream.</summary>
[GenerateSerializer, Immutable, Alias("mesh.claim-header")]
public sealed record ClaimHeader([property: Id(0)] string Claim, [property: Id(1)] string Header);
