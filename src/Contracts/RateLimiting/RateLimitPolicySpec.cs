namespace Mesh.Contracts.RateLimiting;

/// <summary>A mesh-wide token bucket policy. <see cref="PartitionBy"/> is one of
/// <c>clientIp</c>, <c>route</c>, <c>header:&lt;name&gt;</c>, <c>consumer</c>, <c>global</c>.</summary>
[GenerateSerializer, Immutable, Alias("mesh.rate-limit-policy-spec")]
public sealed record RateLimitPolicySpec(
    [property: Id(0)] int PermitsPerSecond,
    [property: Id(1)] int Burst,
    [property: Id(2)] string PartitionBy,
    [property: Id(3)] FailMode FailMode);
