using System.Globalization;
using System.Text;

namespace Mesh.Testing.Soak;

/// <summary>Everything one run measured, and its summary as Markdown (the tables of docs/benchmarks.md).</summary>
public sealed record SoakReport(
    SoakPlan Plan, DateTime StartedUtc, TrafficResult Traffic, long RefusedConnections, IReadOnlyList<MemoryTrend> Memory, IReadOnlyList<FaultRecord> Faults, ChaosVerdict? Chaos)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var mode = Plan.Chaos ? $"chaos (a fault every {Plan.MeanFaultInterval.TotalSeconds:F0} s on average)" : "soak";
        Line(text, $"## {mode}: {Plan.Duration.TotalMinutes:F0} min at {Plan.RequestsPerSecond} req/s, {StartedUtc:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        Line(text, "");
        Line(text, $"- requests: {Traffic.Requests:N0} in {Traffic.Seconds:F0} s; failed: **{Traffic.Failed:N0}** ({Traffic.Unanswered:N0} without an answer); connections an edge refused, sent to the other: {RefusedConnections:N0}");
        Line(text, $"- latency of the successful, from when each was due: p50 {Traffic.Percentile(50):F1} ms, p99 {Traffic.Percentile(99):F1} ms, p99.9 {Traffic.Percentile(99.9):F1} ms");
        Line(text, $"- answers: {string.Join(", ", Traffic.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value:N0}"))}");
        foreach (var group in Traffic.FirstFailures
            .GroupBy(f => (Window: (int)(f.AtSeconds / 10) * 10, Path: f.Path.Split('/')[1], What: f.What.Length <= 120 ? f.What : f.What[..120]))
            .Take(30))
        {
            Line(text, $"  - {group.Count()} × {group.Key.Window}–{group.Key.Window + 10} s /{group.Key.Path}: {group.Key.What}");
        }

        Line(text, "");
        Line(text, $"| process | RSS first (MB) | RSS at {Plan.Baseline.TotalMinutes:0.#} min (MB) | RSS end (MB) | end ÷ baseline | heap at baseline → end (MB) | GCs gen0/1/2 | threads | fds | sockets | restarts |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in Memory.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var heap = m.AtBaseline.HeapBytes is { } from && m.Last.HeapBytes is { } to ? $"{ProcessSample.Mb(from)} → {ProcessSample.Mb(to)}" : "–";
            var gcs = m.Last.Gen0 is null ? "–" : $"{m.Last.Gen0}/{m.Last.Gen1}/{m.Last.Gen2}";
            Line(text, $"| {m.Name} | {ProcessSample.Mb(m.First.RssBytes)} | {ProcessSample.Mb(m.AtBaseline.RssBytes)} | {ProcessSample.Mb(m.Last.RssBytes)} | "
                + $"{(1 + m.RssGrowth).ToString("F2", CultureInfo.InvariantCulture)} | {heap} | {gcs} | {m.Last.Threads} | {m.Last.Descriptors} | {m.Last.Sockets} | {m.Restarts} |");
        }

        if (Plan.Chaos)
        {
            Line(text, "");
            Line(text, "| at (s) | fault | target | recovered in (s) | recovered when |");
            Line(text, "| ---: | --- | --- | ---: | --- |");
            foreach (var f in Faults)
            {
                Line(text, $"| {f.AtSeconds:F0} | {f.Kind} | {f.Target} | {f.RecoverySeconds:F2} | {f.RecoveredWhen} |");
            }

            if (Chaos is { } verdict)
            {
                Line(text, "");
                Line(text, $"- routes written during the run: {verdict.RoutesWritten.Count}, lost: {verdict.Lost.Count}{(verdict.Lost.Count > 0 ? " (" + string.Join("; ", verdict.Lost) + ")" : "")}");
                Line(text, $"- catalog version at the end: {verdict.CatalogVersion}; proxies behind it: {(verdict.Behind.Count == 0 ? "none" : string.Join(", ", verdict.Behind))}");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
