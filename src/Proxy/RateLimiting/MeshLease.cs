using System.Threading.RateLimiting;

namespace Mesh.Proxy.RateLimiting;

/// <summary>The outcome of one decision, carrying what a 429 needs to say: the policy, the bucket's view and when to retry.</summary>
internal sealed class MeshLease(bool acquired, LeasedBucket bucket, TimeSpan retryAfter) : RateLimitLease
{
    public const string BucketMetadata = "mesh.bucket";

    public override bool IsAcquired { get; } = acquired;

    public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name, BucketMetadata];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        (var found, metadata) = metadataName switch
        {
            _ when metadataName == MetadataName.RetryAfter.Name => (true, (object?)retryAfter),
            BucketMetadata => (true, bucket),
            _ => (false, null),
        };
        return found;
    }
}
