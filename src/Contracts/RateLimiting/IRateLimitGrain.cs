namespace Mesh.Contracts.RateLimiting;

/// <summary>
/// Keyed by <see cref="GrainKeys.RateLimitBucket"/>: one token bucket per policy and partition key, the
/// only place tokens are created. Proxies lease batches and spend them locally; the sum of all grants
/// never exceeds <c>burst</c> plus <c>permitsPerSecond</c> per second. Idle buckets deactivate and cost nothing.
/// </summary>
[Alias("mesh.rate-limit")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    [Alias("lease")]
    Task<TokenLease> LeaseAsync(LeaseRequest request);

    /// <summary>The bucket now; <paramref name="policy"/> describes it before any proxy has leased from it.</summary>
    [Alias("get-bucket")]
    Task<BucketStatus> GetBucketAsync(RateLimitPolicySpec policy);
}
