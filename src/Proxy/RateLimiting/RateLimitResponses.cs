using System.Globalization;
using System.Threading.RateLimiting;
using Mesh.Proxy.Forwarding;
using Microsoft.AspNetCore.RateLimiting;

namespace Mesh.Proxy.RateLimiting;

/// <summary>
/// A refused request: 429 with <c>Retry-After</c> and the IETF httpapi draft's <c>RateLimit-Policy</c> and
/// <c>RateLimit</c> headers, whose numbers are the bucket grain's view, the same at every proxy.
/// </summary>
internal static class RateLimitResponses
{
    public static ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (rejected.Lease.TryGetMetadata(MeshLease.BucketMetadata, out var found) && found is LeasedBucket bucket)
        {
            var policy = bucket.Policy;
            context.Response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{bucket.Id.Policy}\";q={policy.PermitsPerSecond};w=1;burst={policy.Burst}");
            context.Response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{bucket.Id.Policy}\";r={bucket.LastSeen.Remaining};t={seconds}");
        }

        return new ValueTask(ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", $"retry after {seconds}s"));
    }
}
