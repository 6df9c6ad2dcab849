using System.Collections.Concurrent;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Load;

/// <summary>
/// Open-loop load at a fixed rate, which wrk cannot do: requests are started on a schedule whether or not
/// earlier ones have answered (so a stall shows in the latencies instead of slowing the sender), each on one
/// of the client's keep-alive connections, queueing in the client when all are busy. The sender works in
/// ~1 ms ticks; latency runs from the moment the request was due, and is also kept from the moment it was sent.
/// </summary>
internal sealed class OpenLoopLoad(HttpClient http, int rps)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>Starts <paramref name="count"/> GETs of <paramref name="url"/> at <c>rps</c> and waits for every answer.</summary>
    public async Task<LoadRun> RunAsync(Uri url, int count, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var fromSent = new double[count];
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
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
        return new LoadRun(latencies, fromSent, failures, maxLag, (Clock.NowMs - start) / 1000.0);

        async Task SendAsync(int index, double due)
        {
            var sent = Clock.NowMs;
            fromSent[index] = double.NaN;
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                var answered = Clock.NowMs;
                latencies[index] = response.IsSuccessStatusCode ? answered - due : double.NaN;
                fromSent[index] = response.IsSuccessStatusCode ? answered - sent : double.NaN;
                if (!response.IsSuccessStatusCode)
                {
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                latencies[index] = double.NaN;
                failures.AddOrUpdate($"{e.GetType().Name}: {e.GetBaseException().Message}", 1, (_, n) => n + 1);
            }
        }
    }
}
