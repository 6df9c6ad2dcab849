using Mesh.Contracts.Services;

namespace Mesh.Contracts.Circuits;

/// <summary>
/// Successes and failures over a sliding window, kept in ten buckets so old outcomes age out smoothly,
/// and the rule that opens a circuit. The circuit grain and a proxy's local veto apply the same rule.
/// Not thread-safe: grains are single-threaded, proxies lock around it.
/// </summary>
public sealed class OutcomeWindow(TimeSpan window)
{
    private const int Buckets = 10;

    private readonly long _bucketTicks = Math.Max(1, window.Ticks / Buckets);
    private readonly long[] _epoch = new long[Buckets];
    private readonly int[] _successes = new int[Buckets];
    private readonly int[] _failures = new int[Buckets];

    public void Add(DateTimeOffset now, int successes, int failures)
    {
        var bucket = now.UtcTicks / _bucketTicks;
        var slot = (int)(bucket % Buckets);
        if (_epoch[slot] != bucket)
        {
            (_epoch[slot], _successes[slot], _failures[slot]) = (bucket, 0, 0);
        }

        _successes[slot] += successes;
        _failures[slot] += failures;
    }

    public (int Requests, int Failures) Totals(DateTimeOffset now)
    {
        var bucket = now.UtcTicks / _bucketTicks;
        var (requests, failures) = (0, 0);
        for (var slot = 0; slot < Buckets; slot++)
        {
            if (bucket - _epoch[slot] < Buckets)
            {
                requests += _successes[slot] + _failures[slot];
                failures += _failures[slot];
            }
        }

        return (requests, failures);
    }

    public void Clear() => Array.Clear(_epoch);

    /// <summary>Whether the failure ratio exceeds the spec's with at least its minimum throughput.</summary>
    public bool ShouldOpen(DateTimeOffset now, CircuitBreakerSpec spec)
    {
        var (requests, failures) = Totals(now);
        return requests >= spec.MinimumThroughput && (double)failures / requests > spec.FailureRatio;
    }
}
