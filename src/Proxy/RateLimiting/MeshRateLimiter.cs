using System.Threading.RateLimiting;
using Mesh.Proxy.Access;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.RateLimiting;

/// <summary>
/// Partitions requests by the matched route's policy (or the caller's own tier, which replaces it) and the policy's
/// partition key; requests with neither are not limited. The policy spec comes from the applied snapshot, so changes apply with the next push.
/// </summary>
internal sealed class MeshRateLimiter(
    SnapshotApplier applier,
    IClusterClient client,
    IOptions<ProxyOptions> options,
    TimeProvider time,
    ProxyRateLimitMetrics metrics)
{
    private readonly string _proxyId = options.Value.ResolvedId;

    public PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, BucketId>(Partition);

    private RateLimitPartition<BucketId> Partition(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route
            || !context.ViewFor(applier).Routes.TryGetValue(route.Config.RouteId, out var plan)
            || (context.Features.Get<EdgeCaller>()?.RateLimit ?? plan.RateLimit) is not { } limit)
        {
            return RateLimitPartition.GetNoLimiter(default(BucketId));
        }

        var id = BucketId.For(limit.Name, PartitionKeys.For(context, route.Config.RouteId, limit.Spec.PartitionBy));
        return RateLimitPartition.Get(id, key => new LeasedTokenLimiter(new LeasedBucket(key, applier, client, _proxyId, time), time, metrics));
    }
}
