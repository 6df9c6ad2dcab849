namespace Mesh.Contracts.RateLimiting;

/// <summary>
/// Permission to admit up to <see cref="Granted"/> requests until <see cref="ExpiresAt"/>, plus the bucket as
/// the grain saw it (for the RateLimit headers): tokens left and how long until the next one.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.token-lease")]
public sealed record TokenLease(
    [property: Id(0)] int Granted,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] int Remaining,
    [property: Id(3)] TimeSpan NextToken);
