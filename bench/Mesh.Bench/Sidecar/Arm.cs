namespace Mesh.Bench.Sidecar;

/// <summary>One of the two paths through the edge, and what each round measured on it.</summary>
internal sealed class Arm(string name, string description, Uri url)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public Uri Url { get; } = url;

    public List<ArmRound> Rounds { get; } = [];

    /// <summary>Every successful request's latency, all rounds together.</summary>
    public double[] Latencies => Rounds.SelectMany(r => r.Run.Succeeded).ToArray();

    /// <summary>The same, counted from when each request was sent rather than when it was due.</summary>
    public double[] LatenciesFromSent => Rounds.SelectMany(r => r.Run.SucceededFromSent).ToArray();

    public int Requests => Rounds.Sum(r => r.Run.Latencies.Length);

    public int Errors => Rounds.Sum(r => r.Run.Errors);

    public double MaxLag => Rounds.Max(r => r.Run.MaxLag);

    /// <summary>The failures of every round by kind.</summary>
    public IEnumerable<(string Kind, int Count)> Failures =>
        Rounds.SelectMany(r => r.Run.Failures).GroupBy(f => f.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(f => f.Value)));

    public double Seconds => Rounds.Sum(r => r.Run.Seconds);
}
