using System.Globalization;

namespace Mesh.Bench.Measurement;

/// <summary>Nearest-rank percentiles of a set of samples, in milliseconds.</summary>
internal sealed record Summary(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static Summary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new Summary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    /// <summary>The nearest-rank <paramref name="quantile"/> (0.999 for p99.9), NaN without samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double quantile) =>
        samples.Count == 0 ? double.NaN : Rank(samples.Order().ToArray(), quantile);

    public static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public string Row(string label) => $"| {label} | {Count} | {Ms(P50)} | {Ms(P90)} | {Ms(P99)} | {Ms(Max)} | {Ms(Mean)} |";

    public static string Header(string first) => $"| {first} | n | p50 ms | p90 ms | p99 ms | max ms | mean ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |";

    private static double Rank(double[] sorted, double quantile) => sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
