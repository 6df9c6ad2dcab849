using Mesh.Contracts.Analytics;

namespace Mesh.Contracts.Tests.Analytics;

public sealed class LatencySketchTests
{
    private static readonly double[] Quantiles = [0.5, 0.9, 0.95, 0.99, 0.999];

    [Fact]
    public void EveryQuantile_IsWithinTheRelativeAccuracy_OfTheExactNearestRank()
    {
        var values = LogSpread(new Random(7), 20_000, 0.05, 5_000);

        var sketch = Sketch(values);

        var sorted = values.Order().ToArray();
        foreach (var q in Quantiles)
        {
            var exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            var estimate = sketch.Quantile(q)!.Value;
            Assert.True(Math.Abs(estimate - exact) / exact <= LatencySketch.RelativeAccuracy, $"q={q}: {estimate} for {exact}");
        }
    }

    [Fact]
    public void TwoSketchesMerged_AreTheSketchOfAllTheirValues()
    {
        var random = new Random(11);
        var first = LogSpread(random, 3_000, 1, 50);
        var second = LogSpread(random, 5_000, 20, 900);

        var merged = Sketch(first).Merge(Sketch(second));

        Assert.Equal(Sketch([.. first, .. second]), merged, SketchComparer.Instance);
        Assert.Equal(8_000, merged.Total);
    }

    [Fact]
    public void AnEmptySketch_HasNoQuantile_AndMergesToTheOther()
    {
        var other = Sketch([3, 4, 5]);

        Assert.Null(LatencySketch.Empty.Quantile(0.5));
        Assert.Same(other, LatencySketch.Empty.Merge(other));
        Assert.Same(other, other.Merge(LatencySketch.Empty));
    }

    [Fact]
    public void DurationsOutsideTheRange_CountInItsFirstAndLastBuckets()
    {
        Assert.Equal(0, LatencySketch.BucketOf(0));
        Assert.Equal(0, LatencySketch.BucketOf(-1));
        Assert.Equal(LatencySketch.MaxBucket, LatencySketch.BucketOf(LatencySketch.MaxMs * 10));
        Assert.Equal(LatencySketch.MinMs, Sketch([0.0000001]).Quantile(0.5));
    }

    private static LatencySketch Sketch(IEnumerable<double> values)
    {
        var counts = new long[LatencySketch.MaxBucket + 1];
        foreach (var value in values)
        {
            counts[LatencySketch.BucketOf(value)]++;
        }

        return LatencySketch.FromDense(counts);
    }

    /// <summary>Values spread evenly over the logarithm of the range, as latencies are.</summary>
    private static double[] LogSpread(Random random, int count, double min, double max) =>
        [.. Enumerable.Range(0, count).Select(_ => min * Math.Pow(max / min, random.NextDouble()))];

    private sealed class SketchComparer : IEqualityComparer<LatencySketch>
    {
        public static readonly SketchComparer Instance = new();

        public bool Equals(LatencySketch? x, LatencySketch? y) =>
            x is not null && y is not null && x.Buckets.SequenceEqual(y.Buckets) && x.Counts.SequenceEqual(y.Counts);

        public int GetHashCode(LatencySketch obj) => obj.Buckets.Length;
    }
}
