namespace Mesh.Contracts.Jwt;

/// <summary>
/// What the control plane holds of a provider's <c>jwksUri</c>: the last key set fetched that was good (kept while
/// the identity provider is down or answers garbage), when it came, and why the last attempt failed, if it did.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.jwks-fetch")]
public sealed record JwksFetch(
    [property: Id(0)] Uri Uri,
    [property: Id(1)] string? Keys,
    [property: Id(2)] DateTimeOffset? FetchedAt,
    [property: Id(3)] DateTimeOffset AttemptedAt,
    [property: Id(4)] string? Error);
