using System.Globalization;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Load;

/// <summary>
/// Open-loop load at a fixed rate, which wrk cannot do: requests are started on a schedule whether or not
/// earlier ones have answered (so a stall shows in the latencies instead of slowing the sender), each on one
/// of <c>connections</c> keep-alive connections, queueing in the client when all are busy.
/// Latency runs from the moment the request was due; the sender's own lag behind the schedule is reported.
/// </summary>
internal sealed class FixedRateBenchmark(Uri url, int rps, int seconds, int connections, string? label)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var http = BenchHttp.Create(connections, TimeSpan.FromSeconds(10));
        await RunAtRateAsync(http, Math.Min(rps, 2000), cancellationToken);

        var (latencies, errors, lag, elapsed) = await RunAtRateAsync(http, rps * seconds, cancellationToken);
        var ok = latencies.Where(l => !double.IsNaN(l)).ToArray();
        var summary = Summary.Of(ok);
        var sorted = ok.Order().ToArray();
        var p999 = sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(0.999 * sorted.Length) - 1, 0, sorted.Length - 1)];
        var name = label ?? url.ToString();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fixed-rate {name}: {rps}/s for {seconds}s on {connections} connections: sent {latencies.Length} in {elapsed:0.00}s, errors {errors}, "
            + $"p50 {Summary.Ms(summary.P50)} ms, p90 {Summary.Ms(summary.P90)} ms, p99 {Summary.Ms(summary.P99)} ms, p99.9 {Summary.Ms(p999)} ms, max {Summary.Ms(summary.Max)} ms, "
            + $"sender lag max {Summary.Ms(lag)} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT label={name} rps={rps} sent={latencies.Length} errors={errors} p50={summary.P50:0.000} p90={summary.P90:0.000} p99={summary.P99:0.000} p999={p999:0.000} max={summary.Max:0.000} lag={lag:0.000}"));
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Starts <paramref name="count"/> requests at <c>rps</c>; each latency is NaN when it failed.</summary>
    private async Task<(double[] Latencies, int Errors, double MaxLag, double Seconds)> RunAtRateAsync(HttpClient http, int count, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var errors = 0;
        var maxLag = 0.0;
        var inFlight = new List<Task>(count);
        var interval = 1000.0 / rps;
        var start = Clock.NowMs;
        for (var i = 0; i < count;)
        {
            var now = Clock.NowMs;
            while (i < count && start + (i * interval) <= now)
            {
                var due = start + (i * interval);
                maxLag = Math.Max(maxLag, now - due);
                inFlight.Add(SendAsync(i++, due));
            }

            if (i < count)
            {
                await Task.Delay(Tick, cancellationToken);
            }
        }

        await Task.WhenAll(inFlight);
        return (latencies, errors, maxLag, (Clock.NowMs - start) / 1000.0);

        async Task SendAsync(int index, double due)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                latencies[index] = response.IsSuccessStatusCode ? Clock.NowMs - due : double.NaN;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                latencies[index] = double.NaN;
                Interlocked.Increment(ref errors);
            }
        }
    }
}
