namespace Mesh.Bench.Load;

/// <summary>
/// What one open-loop run saw: a latency per request in ms from when it was due and from when it was actually
/// sent (NaN when it failed; the difference is the sender's own lag behind its schedule), the failures by kind
/// (<c>HTTP 502</c>, or the exception), the sender's worst lag, and how long it took.
/// </summary>
internal sealed record LoadRun(double[] Latencies, double[] FromSent, IReadOnlyDictionary<string, int> Failures, double MaxLag, double Seconds)
{
    public int Errors => Failures.Values.Sum();

    public double[] Succeeded => Latencies.Where(l => !double.IsNaN(l)).ToArray();

    public double[] SucceededFromSent => FromSent.Where(l => !double.IsNaN(l)).ToArray();
}
