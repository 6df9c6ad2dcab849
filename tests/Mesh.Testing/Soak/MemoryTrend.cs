namespace Mesh.Testing.Soak;

/// <summary>
/// One process's memory over the run: resident and managed heap at the first reading, at the baseline and at the
/// end, and how many times it was restarted (a restarted process's figures start again and say nothing of a leak).
/// </summary>
public sealed record MemoryTrend(string Name, ProcessSample First, ProcessSample AtBaseline, ProcessSample Last, int Restarts)
{
    /// <summary>Resident memory at the end against the baseline: 0.05 is 5 % more.</summary>
    public double RssGrowth => (double)Last.RssBytes / AtBaseline.RssBytes - 1;

    public static IReadOnlyList<MemoryTrend> Of(IReadOnlyList<ProcessSample> samples, TimeSpan baseline) =>
    [
        .. samples.GroupBy(s => s.Name).Select(g =>
        {
            var ordered = g.OrderBy(s => s.AtSeconds).ToList();
            var last = ordered[^1];
            var sinceRestart = ordered.Where(s => s.Pid == last.Pid).ToList();
            var atBaseline = sinceRestart.LastOrDefault(s => s.AtSeconds <= baseline.TotalSeconds) ?? sinceRestart[0];
            return new MemoryTrend(g.Key, ordered[0], atBaseline, last, ordered.Select(s => s.Pid).Distinct().Count() - 1);
        }),
    ];
}
