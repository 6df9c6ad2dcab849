using System.Globalization;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Load;

/// <summary>
/// Open-loop load at a fixed rate on one URL (<see cref="OpenLoopLoad"/>) over <c>connections</c> keep-alive
/// connections, after an unmeasured second of warm-up. Latency runs from the moment the request was due; the
/// sender's own lag behind the schedule is reported. <c>header</c> (<c>"name: value"</c>) goes on every request: a
/// credential, for routes that authenticate.
/// </summary>
internal sealed class FixedRateBenchmark(Uri url, int rps, int seconds, int connections, string? label, string? header)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var http = BenchHttp.Create(connections, TimeSpan.FromSeconds(10));
        if (header is not null)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !http.DefaultRequestHeaders.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim()))
            {
                throw new Cli.UsageException($"--header '{header}' is not \"name: value\"");
            }
        }

        var load = new OpenLoopLoad(http, rps);
        await load.RunAsync(url, Math.Min(rps, 2000), cancellationToken);

        var run = await load.RunAsync(url, rps * seconds, cancellationToken);
        var (latencies, errors, lag, elapsed) = (run.Latencies, run.Errors, run.MaxLag, run.Seconds);
        var ok = run.Succeeded;
        var summary = Summary.Of(ok);
        var p999 = Summary.Percentile(ok, 0.999);
        var name = label ?? url.ToString();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fixed-rate {name}: {rps}/s for {seconds}s on {connections} connections: sent {latencies.Length} in {elapsed:0.00}s, errors {errors}, "
            + $"p50 {Summary.Ms(summary.P50)} ms, p90 {Summary.Ms(summary.P90)} ms, p99 {Summary.Ms(summary.P99)} ms, p99.9 {Summary.Ms(p999)} ms, max {Summary.Ms(summary.Max)} ms, "
            + $"sender lag max {Summary.Ms(lag)} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT label={name} rps={rps} sent={latencies.Length} errors={errors} p50={summary.P50:0.000} p90={summary.P90:0.000} p99={summary.P99:0.000} p999={p999:0.000} max={summary.Max:0.000} lag={lag:0.000}"));
        return errors == 0 ? 0 : 1;
    }
}
