using System.Collections.Immutable;

namespace Mesh.Contracts.Analytics;

/// <summary>
/// A mergeable latency distribution with DDSketch's logarithmic mapping: a duration falls in bucket
/// ⌈log_γ(ms / <see cref="MinMs"/>)⌉, so every quantile it answers is within <see cref="RelativeAccuracy"/> of the
/// true one, and sketches from many proxies and minutes merge exactly by adding counts. Sparse: only the buckets
/// that were hit travel and are stored, in ascending order.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.latency-sketch")]
public sealed record LatencySketch(
    [property: Id(0)] ImmutableArray<int> Buckets,
    [property: Id(1)] ImmutableArray<long> Counts)
{
    public const double RelativeAccuracy = 0.02;

    /// <summary>Anything faster counts as one microsecond.</summary>
    public const double MinMs = 0.001;

    /// <summary>Anything slower counts as one hour.</summary>
    public const double MaxMs = 3_600_000;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>The highest bucket index: a dense recorder needs this many counters plus one.</summary>
    public static readonly int MaxBucket = (int)Math.Ceiling(Math.Log(MaxMs / MinMs) / LogGamma);

    public static LatencySketch Empty { get; } = new([], []);

    public static int BucketOf(double milliseconds) =>
        milliseconds <= MinMs ? 0 : Math.Min(MaxBucket, (int)Math.Ceiling(Math.Log(milliseconds / MinMs) / LogGamma));

    /// <summary>The value that is within the relative accuracy of everything in the bucket.</summary>
    public static double ValueOf(int bucket) => bucket == 0 ? MinMs : MinMs * 2 * Math.Pow(Gamma, bucket) / (Gamma + 1);

    /// <summary>From dense counters indexed by bucket (what a proxy records into).</summary>
    public static LatencySketch FromDense(ReadOnlySpan<long> counts)
    {
        var buckets = ImmutableArray.CreateBuilder<int>();
        var values = ImmutableArray.CreateBuilder<long>();
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            if (counts[bucket] > 0)
            {
                buckets.Add(bucket);
                values.Add(counts[bucket]);
            }
        }

        return buckets.Count == 0 ? Empty : new(buckets.ToImmutable(), values.ToImmutable());
    }

    public long Total
    {
        get
        {
            long total = 0;
            foreach (var count in Counts)
            {
                total += count;
            }

            return total;
        }
    }

    public LatencySketch Merge(LatencySketch other)
    {
        if (other.Buckets.IsDefaultOrEmpty)
        {
            return this;
        }

        if (Buckets.IsDefaultOrEmpty)
        {
            return other;
        }

        var buckets = ImmutableArray.CreateBuilder<int>(Buckets.Length + other.Buckets.Length);
        var counts = ImmutableArray.CreateBuilder<long>(Buckets.Length + other.Buckets.Length);
        int mine = 0, theirs = 0;
        while (mine < Buckets.Length || theirs < other.Buckets.Length)
        {
            var next = Math.Min(
                mine < Buckets.Length ? Buckets[mine] : int.MaxValue,
                theirs < other.Buckets.Length ? other.Buckets[theirs] : int.MaxValue);
            long count = 0;
            if (mine < Buckets.Length && Buckets[mine] == next)
            {
                count += Counts[mine++];
            }

            if (theirs < other.Buckets.Length && other.Buckets[theirs] == next)
            {
                count += other.Counts[theirs++];
            }

            buckets.Add(next);
            counts.Add(count);
        }

        return new(buckets.ToImmutable(), counts.ToImmutable());
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) in milliseconds, by nearest rank; null for an empty sketch.</summary>
    public double? Quantile(double q)
    {
        var total = Total;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(q, 0, 1) * total);
        long seen = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            seen += Counts[i];
            if (seen >= rank)
            {
                return ValueOf(Buckets[i]);
            }
        }

        return ValueOf(Buckets[^1]);
    }
}
