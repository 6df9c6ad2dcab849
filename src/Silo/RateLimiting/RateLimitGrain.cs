using Mesh.Contracts.RateLimiting;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.RateLimiting;

/// <summary>One bucket: soft state, rebuilt full after a reactivation (a silo loss can admit one extra burst).</summary>
internal sealed class RateLimitGrain([FromKeyedServices(MeshTime.Key)] TimeProvider time) : Grain, IRateLimitGrain
{
    private readonly TokenBucket _bucket = new(time.GetUtcNow());

    public Task<TokenLease> LeaseAsync(LeaseRequest request) => Task.FromResult(_bucket.Lease(request, time.GetUtcNow()));

    public Task<BucketStatus> GetBucketAsync(RateLimitPolicySpec policy) => Task.FromResult(_bucket.Status(policy, time.GetUtcNow()));
}
