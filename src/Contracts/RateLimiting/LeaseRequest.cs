namespace Mesh.Contracts.RateLimiting;

/// <summary>
/// A proxy asks for up to <see cref="Wanted"/> tokens (sized to its recent demand) and hands back
/// <see cref="Returned"/> unused ones from an ended lease. It sends the policy it holds, so a policy change
/// reaches existing buckets with the next push rather than through the bucket's own storage.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.lease-request")]
public sealed record LeaseRequest(
    [property: Id(0)] string ProxyId,
    [property: Id(1)] int Wanted,
    [property: Id(2)] int Returned,
    [property: Id(3)] RateLimitPolicySpec Policy);
