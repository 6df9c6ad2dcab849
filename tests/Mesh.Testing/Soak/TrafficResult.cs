namespace Mesh.Testing.Soak;

/// <summary>
/// What the soak's clients saw: answers by path and status (<c>orders 200</c>), requests that got no answer at
/// all, every request that did not get a 200 (the first 20,000 in full), latencies in ms from when each successful
/// request was due (sorted), and the seconds the run took.
/// </summary>
public sealed record TrafficResult(
    IReadOnlyDictionary<string, long> Answers, long Unanswered, long Failed, IReadOnlyList<SoakFailure> FirstFailures, double[] Latencies, double Seconds)
{
    public long Requests => Answers.Values.Sum() + Unanswered;

    /// <summary>The <paramref name="p"/>th percentile of <see cref="Latencies"/> (nearest rank), NaN when nothing succeeded.</summary>
    public double Percentile(double p)
    {
        if (Latencies.Length == 0)
        {
            return double.NaN;
        }

        return Latencies[Math.Clamp((int)Math.Ceiling(p / 100 * Latencies.Length) - 1, 0, Latencies.Length - 1)];
    }
}
