using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Mesh.Testing.Soak;

/// <summary>
/// Open-loop load through the edges: requests start on a fixed schedule whether or not earlier ones have answered,
/// so a stall shows as latency and failures instead of slowing the sender. Of every 20 requests, 6 go through the
/// mesh (edge → orders → inventory over mTLS), 4 to the weighted split, 3 to the flaky service (retries), 3 to the
/// cached route and 4 with an API key under a global rate limit. Every answer but a 200 is a failure.
/// </summary>
public sealed class SoakTraffic(EdgeBalancer balancer, int requestsPerSecond, string apiKey)
{
    private const int KeptFailures = 20_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly string[] Mix =
    [
        "orders", "split", "flaky", "cached", "keyed", "orders", "split", "keyed", "orders", "cached",
        "flaky", "orders", "split", "keyed", "orders", "cached", "flaky", "orders", "split", "keyed",
    ];

    private readonly IReadOnlyList<KeyValuePair<string, string>> _none = [];
    private readonly IReadOnlyList<KeyValuePair<string, string>> _keyed = [new("x-api-key", apiKey)];

    /// <summary>
    /// Sends for <paramref name="duration"/>, the rate rising linearly from 0 over <paramref name="rampUp"/> (as load
    /// tests of fresh processes ramp: a cold start at full rate measures the JIT and the first TLS handshakes,
    /// not the steady state) and then steady.
    /// </summary>
    public async Task<TrafficResult> RunAsync(TimeSpan duration, TimeSpan rampUp, Stopwatch clock, CancellationToken cancellationToken)
    {
        var ramp = rampUp.TotalMilliseconds;
        var rampCount = (int)(requestsPerSecond * rampUp.TotalSeconds / 2);
        var count = (int)((duration - rampUp).TotalSeconds * requestsPerSecond) + rampCount;
        var latencies = new double[count];
        var answers = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<SoakFailure>();
        long failed = 0, unanswered = 0;
        var inFlight = new ConcurrentDictionary<int, Task>();
        var interval = 1000.0 / requestsPerSecond;
        var start = clock.Elapsed.TotalMilliseconds;
        for (var i = 0; i < count;)
        {
            var now = clock.Elapsed.TotalMilliseconds;
            while (i < count && start + Due(i) <= now)
            {
                var index = i++;
                inFlight[index] = SendAsync(index, start + Due(index));
            }

            if (i < count)
            {
                await Task.Delay(Tick, cancellationToken);
            }
        }

        await Task.WhenAll(inFlight.Values);
        return new TrafficResult(
            answers, unanswered, failed, [.. failures], [.. latencies.Where(l => !double.IsNaN(l)).Order()], (clock.Elapsed.TotalMilliseconds - start) / 1000);

        // Milliseconds after the start at which request i is due: N(t) = R t² / 2T on the ramp, R t after it.
        double Due(int i) => i < rampCount
            ? Math.Sqrt(2 * ramp * i / (requestsPerSecond / 1000.0))
            : ramp + ((i - rampCount) * interval);

        async Task SendAsync(int index, double due)
        {
            var kind = Mix[index % Mix.Length];
            var path = kind switch
            {
                "orders" => $"/orders/{index % 97}",
                "cached" => $"/cached/item-{index % 20}",
                _ => $"/{kind}/{index % 50}",
            };
            latencies[index] = double.NaN;
            var edge = -1;
            try
            {
                var (response, answeredBy) = await balancer.GetAsync(path, kind == "keyed" ? _keyed : _none, cancellationToken);
                edge = answeredBy;
                using (response)
                {
                    var status = (int)response.StatusCode;
                    answers.AddOrUpdate(kind + " " + status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                    if (status == 200)
                    {
                        await response.Content.LoadIntoBufferAsync(cancellationToken);
                        latencies[index] = clock.Elapsed.TotalMilliseconds - due;
                    }
                    else
                    {
                        Fail($"HTTP {status} {Truncate(await response.Content.ReadAsStringAsync(cancellationToken))}");
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref unanswered);
                Fail($"{e.GetType().Name}: {e.GetBaseException().Message}");
            }
            finally
            {
                inFlight.TryRemove(index, out _);
            }

            void Fail(string what)
            {
                Interlocked.Increment(ref failed);
                if (failures.Count < KeptFailures)
                {
                    failures.Enqueue(new SoakFailure(clock.Elapsed.TotalSeconds, path, edge, what));
                }
            }
        }
    }

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
