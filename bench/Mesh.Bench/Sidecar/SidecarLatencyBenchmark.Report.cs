using System.Globalization;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Sidecar;

/// <summary>The printed results: markdown tables, then one <c>RESULT</c> line for scripts.</summary>
internal sealed partial class SidecarLatencyBenchmark
{
    private void Report(Arm direct, Arm meshed, MemoryReport memory)
    {
        Console.WriteLine();
        Console.WriteLine($"## sidecar: edge → sidecar → app against edge → app, {rps}/s open loop on {connections} keep-alive connections, "
            + $"{rounds} rounds × {seconds} s per path (alternating order), after {warmupSeconds} s of warm-up per path");
        Console.WriteLine();
        Console.WriteLine("| path | requests | failed | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        LatencyRows(direct, meshed, direct.Latencies, meshed.Latencies, "from when each request was due");
        LatencyRows(direct, meshed, direct.LatenciesFromSent, meshed.LatenciesFromSent, "from when it was sent (without the sender's lag)");
        Console.WriteLine();

        Console.WriteLine("| round | order | direct p50 / p99 ms | sidecar p50 / p99 ms | added p50 ms | added p99 ms | added p50 ms, from sent |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        var added50 = new List<double>();
        var added99 = new List<double>();
        var added50Sent = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var (dr, mr) = (Summary.Of(direct.Rounds[round].Run.Succeeded), Summary.Of(meshed.Rounds[round].Run.Succeeded));
            added50.Add(mr.P50 - dr.P50);
            added99.Add(mr.P99 - dr.P99);
            added50Sent.Add(Summary.Percentile(meshed.Rounds[round].Run.SucceededFromSent, 0.5) - Summary.Percentile(direct.Rounds[round].Run.SucceededFromSent, 0.5));
            Console.WriteLine($"| {round + 1} | {(round % 2 == 0 ? "direct, sidecar" : "sidecar, direct")} | {Summary.Ms(dr.P50)} / {Summary.Ms(dr.P99)} | "
                + $"{Summary.Ms(mr.P50)} / {Summary.Ms(mr.P99)} | {Signed(added50[^1])} | {Signed(added99[^1])} | {Signed(added50Sent[^1])} |");
        }

        Console.WriteLine();
        Console.WriteLine($"added per round: p50 median {Signed(Median(added50))} ms (range {Signed(added50.Min())} to {Signed(added50.Max())}), "
            + $"p99 median {Signed(Median(added99))} ms (range {Signed(added99.Min())} to {Signed(added99.Max())}); "
            + $"p50 from sent median {Signed(Median(added50Sent))} ms (range {Signed(added50Sent.Min())} to {Signed(added50Sent.Max())})");
        Console.WriteLine($"sender lag behind schedule, max: direct {Summary.Ms(direct.MaxLag)} ms, sidecar {Summary.Ms(meshed.MaxLag)} ms");
        var (edgeDirect, edgeMeshed) = (CpuPerSecond(direct, r => r.EdgeCpu), CpuPerSecond(meshed, r => r.EdgeCpu));
        var (sidecarDirect, sidecarMeshed) = (CpuPerSecond(direct, r => r.SidecarCpu), CpuPerSecond(meshed, r => r.SidecarCpu));
        Console.WriteLine($"CPU, ms per second of load: edge {Format(edgeDirect, "0")} (direct) / {Format(edgeMeshed, "0")} (via the sidecar); "
            + $"sidecar {Format(sidecarDirect, "0")} (its traffic-free background, during the direct path) / {Format(sidecarMeshed, "0")} (via the sidecar)");
        Console.WriteLine($"CPU added per request by the sidecar path: sidecar {Format((sidecarMeshed - sidecarDirect) * 1000 / rps, "0")} µs, "
            + $"edge {Format((edgeMeshed - edgeDirect) * 1000 / rps, "0")} µs (its mTLS client side)");
        foreach (var arm in new[] { direct, meshed })
        {
            foreach (var (kind, count) in arm.Failures)
            {
                Console.WriteLine($"failed on /{arm.Name}: {count} × {kind}");
            }
        }

        ReportMemory(memory);
    }

    /// <summary>Both paths, the difference and the ratio at each percentile, latencies counted <paramref name="counted"/>.</summary>
    private static void LatencyRows(Arm direct, Arm meshed, double[] d, double[] m, string counted)
    {
        var quantiles = new[] { 0.50, 0.90, 0.99, 0.999 };
        var dq = quantiles.Select(q => Summary.Percentile(d, q)).ToArray();
        var mq = quantiles.Select(q => Summary.Percentile(m, q)).ToArray();
        var (dSummary, mSummary) = (Summary.Of(d), Summary.Of(m));
        foreach (var (arm, q, summary) in new[] { (direct, dq, dSummary), (meshed, mq, mSummary) })
        {
            Console.WriteLine($"| {arm.Description} (`/{arm.Name}`), {counted} | {arm.Requests} | {arm.Errors} | {string.Join(" | ", q.Select(Summary.Ms))} | "
                + $"{Summary.Ms(summary.Max)} | {Summary.Ms(summary.Mean)} |");
        }

        Console.WriteLine($"| added by the sidecar, ms | | | {string.Join(" | ", dq.Zip(mq, (a, b) => Signed(b - a)))} | | {Signed(mSummary.Mean - dSummary.Mean)} |");
        Console.WriteLine($"| sidecar ÷ direct | | | {string.Join(" | ", dq.Zip(mq, (a, b) => Ratio(b / a)))} | | {Ratio(mSummary.Mean / dSummary.Mean)} |");
    }

    /// <summary>The key figures on one line for scripts.</summary>
    private void ReportResult(Arm direct, Arm meshed, MemoryReport memory)
    {
        var (direct50, direct99) = (Summary.Percentile(direct.Latencies, 0.50), Summary.Percentile(direct.Latencies, 0.99));
        var (sidecar50, sidecar99) = (Summary.Percentile(meshed.Latencies, 0.50), Summary.Percentile(meshed.Latencies, 0.99));
        var addedSent50 = Summary.Percentile(meshed.LatenciesFromSent, 0.50) - Summary.Percentile(direct.LatenciesFromSent, 0.50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT rps={rps} direct_p50={direct50:0.000} direct_p99={direct99:0.000} sidecar_p50={sidecar50:0.000} sidecar_p99={sidecar99:0.000} "
            + $"added_p50={sidecar50 - direct50:0.000} added_p99={sidecar99 - direct99:0.000} ratio_p50={sidecar50 / direct50:0.00} ratio_p99={sidecar99 / direct99:0.00} added_p50_from_sent={addedSent50:0.000} "
            + $"errors_direct={direct.Errors} errors_sidecar={meshed.Errors} sidecar_rss_idle_mb={ProcessStats.Mb(memory.Idle.Sidecar.RssBytes)} "
            + $"sidecar_rss_peak_mb={ProcessStats.Mb(memory.SidecarPeakRss)} sidecar_rss_end_mb={ProcessStats.Mb(memory.EndOfLoad.Sidecar.RssBytes)}"));
    }

    private void ReportMemory(MemoryReport memory)
    {
        Console.WriteLine();
        Console.WriteLine($"| process | RSS idle MB | RSS peak under load MB ({memory.Samples} samples, every {SampleInterval.TotalMilliseconds:0} ms) | "
            + $"RSS at the end of the load MB | RSS {idleSeconds} s after MB | VmHWM MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| sidecar | {ProcessStats.Mb(memory.Idle.Sidecar.RssBytes)} | {ProcessStats.Mb(memory.SidecarPeakRss)} | "
            + $"{ProcessStats.Mb(memory.EndOfLoad.Sidecar.RssBytes)} | {ProcessStats.Mb(memory.AfterLoad.Sidecar.RssBytes)} | {ProcessStats.Mb(memory.AfterLoad.Sidecar.PeakRssBytes)} |");
        Console.WriteLine($"| edge | {ProcessStats.Mb(memory.Idle.Edge.RssBytes)} | {ProcessStats.Mb(memory.EdgePeakRss)} | "
            + $"{ProcessStats.Mb(memory.EndOfLoad.Edge.RssBytes)} | {ProcessStats.Mb(memory.AfterLoad.Edge.RssBytes)} | {ProcessStats.Mb(memory.AfterLoad.Edge.PeakRssBytes)} |");
        Console.WriteLine();
        Console.WriteLine($"sidecar managed heap after its last GC (all generations): idle {Mb(memory.Idle.SidecarHeapBytes)} MB, "
            + $"end of the load {Mb(memory.EndOfLoad.SidecarHeapBytes)} MB, after {Mb(memory.AfterLoad.SidecarHeapBytes)} MB; "
            + $"GC committed {Mb(memory.Idle.SidecarGcCommittedBytes)} / {Mb(memory.EndOfLoad.SidecarGcCommittedBytes)} / {Mb(memory.AfterLoad.SidecarGcCommittedBytes)} MB");
    }

    /// <summary>What the sidecar's own <c>/metrics</c> and logs say about the load: connections, protocol, decisions, health.</summary>
    private static void ReportSidecar(string before, string after, string? health, IReadOnlyList<string> sidecarLog, IReadOnlyList<string> edgeLog)
    {
        const string Handshakes = "kestrel_tls_handshake_duration_seconds_count";
        const string Requests = "http_server_request_duration_seconds_count";
        const string Inbound = "mesh_proxy_inbound_requests_total";
        var byProtocol = Delta(PrometheusText.SumBy(after, Requests, "network_protocol_version", ("url_scheme", "https")), PrometheusText.SumBy(before, Requests, "network_protocol_version", ("url_scheme", "https")));
        var byStatus = Delta(PrometheusText.SumBy(after, Requests, "http_response_status_code", ("url_scheme", "https")), PrometheusText.SumBy(before, Requests, "http_response_status_code", ("url_scheme", "https")));
        var decisions = Delta(PrometheusText.SumBy(after, Inbound, "decision"), PrometheusText.SumBy(before, Inbound, "decision"));
        Console.WriteLine($"sidecar inbound during the load: TLS handshakes {PrometheusText.Sum(after, Handshakes) - PrometheusText.Sum(before, Handshakes)}; "
            + $"requests by HTTP version {Pairs(byProtocol)}; by status {Pairs(byStatus)}; decisions {Pairs(decisions)}");
        Console.WriteLine($"sidecar's endpoint at the end of the load: {health ?? "not registered"}");
        Console.WriteLine($"log lines at Warning or above during the load: sidecar {sidecarLog.Count}, edge {edgeLog.Count}");
        foreach (var (name, log) in new[] { ("sidecar", sidecarLog), ("edge", edgeLog) })
        {
            foreach (var line in log.Take(40))
            {
                Console.WriteLine($"  {name}: {line}");
            }
        }
    }

    private static double CpuPerSecond(Arm arm, Func<ArmRound, TimeSpan> cpu) => arm.Rounds.Sum(r => cpu(r).TotalMilliseconds) / arm.Seconds;

    private static Dictionary<string, double> Delta(IReadOnlyDictionary<string, double> after, IReadOnlyDictionary<string, double> before) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);

    private static string Pairs(Dictionary<string, double> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value:0}"));

    private static double Median(List<double> values) => Summary.Percentile(values, 0.5);

    private static string Signed(double ms) => double.IsNaN(ms) ? "-" : (ms >= 0 ? "+" : "−") + Summary.Ms(Math.Abs(ms));

    private static string Ratio(double ratio) => Format(ratio, "0.00");

    private static string Mb(double bytes) => Format(bytes / (1024 * 1024), "0.0");

    private static string Format(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
