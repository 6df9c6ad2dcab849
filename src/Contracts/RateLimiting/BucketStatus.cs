using System.Collections.Immutable;

namespace Mesh.Contracts.RateLimiting;

[GenerateSerializer, Immutable, Alias("mesh.outstanding-lease")]
public sealed record OutstandingLease(
    [property: Id(0)] string ProxyId,
    [property: Id(1)] int Granted,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>One bucket as the admin API shows it.</summary>
[GenerateSerializer, Immutable, Alias("mesh.bucket-status")]
public sealed record BucketStatus(
    [property: Id(0)] double Tokens,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int PermitsPerSecond,
    [property: Id(3)] long Granted,
    [property: Id(4)] ImmutableArray<OutstandingLease> Leases);
