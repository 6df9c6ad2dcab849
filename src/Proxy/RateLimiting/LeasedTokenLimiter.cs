using System.Threading.RateLimiting;

namespace Mesh.Proxy.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> over one <see cref="LeasedBucket"/>. The rate-limiting middleware calls
/// <see cref="AttemptAcquireCore"/> first, which spends a leased token without I/O, and only when that
/// fails <see cref="AcquireAsyncCore"/>, which may wait for a lease from the bucket's grain.
/// </summary>
internal sealed class LeasedTokenLimiter(LeasedBucket bucket, TimeProvider time, ProxyRateLimitMetrics metrics) : RateLimiter
{
    private static readonly TimeSpan MinimumRetryAfter = TimeSpan.FromSeconds(1);

    public override TimeSpan? IdleDuration => time.GetUtcNow() - bucket.LastUsed;

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = bucket.Available };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (bucket.TryTake())
        {
            metrics.Decided(bucket.Id.Policy, "local", admitted: true);
            return new MeshLease(true, bucket, TimeSpan.Zero);
        }

        if (bucket.KnownEmpty(out var retryAfter))
        {
            metrics.Decided(bucket.Id.Policy, "local", admitted: false);
            return Refused(retryAfter);
        }

        return new MeshLease(false, bucket, TimeSpan.Zero);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (bucket.KnownEmpty(out var knownWait))
        {
            metrics.Decided(bucket.Id.Policy, "local", admitted: false);
            return Refused(knownWait);
        }

        var (admitted, waited) = await bucket.TakeAfterLeaseAsync(cancellationToken);
        var where = bucket.Degraded ? "fail_" + bucket.Policy.FailMode.ToString().ToLowerInvariant() : waited ? "grain" : "local";
        metrics.Decided(bucket.Id.Policy, where, admitted);
        return admitted ? new MeshLease(true, bucket, TimeSpan.Zero) : Refused(bucket.LastSeen.NextToken);
    }

    private MeshLease Refused(TimeSpan retryAfter) => new(false, bucket, retryAfter > MinimumRetryAfter ? retryAfter : MinimumRetryAfter);
}
