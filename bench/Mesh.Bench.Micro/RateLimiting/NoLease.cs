using System.Threading.RateLimiting;

namespace Mesh.Bench.Micro.RateLimiting;

/// <summary>A lease with nothing attached, for benchmarks that decide without a limiter.</summary>
internal sealed class NoLease(bool acquired) : RateLimitLease
{
    public static NoLease Acquired { get; } = new(true);

    public static NoLease Refused { get; } = new(false);

    public override bool IsAcquired { get; } = acquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
