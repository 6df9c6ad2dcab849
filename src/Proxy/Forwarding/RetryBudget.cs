using System.Collections.Concurrent;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// Caps retries per service at <c>budgetPercent</c> of its requests over the last ten seconds, so retries
/// cannot multiply the load on a service that is already failing. A floor of a few retries per window
/// keeps retries useful at low traffic, where a percentage of a handful of requests rounds to nothing.
/// </summary>
internal sealed class RetryBudget(TimeProvider time)
{
    public const int MinimumRetriesPerWindow = 3;
    private const int Buckets = 10;
    private static readonly TimeSpan BucketLength = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Window> _services = new(StringComparer.Ordinal);

    public void RecordRequest(string service) => WindowOf(service).Add(Now(), requests: 1, retries: 0);

    /// <summary>Takes one retry from the budget when there is room.</summary>
    public bool TryAcquire(string service, int budgetPercent)
    {
        var window = WindowOf(service);
        var now = Now();
        var (requests, retries) = window.Totals(now);
        if (retries >= Math.Max(MinimumRetriesPerWindow, requests * budgetPercent / 100))
        {
            return false;
        }

        window.Add(now, requests: 0, retries: 1);
        return true;
    }

    private long Now() => time.GetUtcNow().Ticks / BucketLength.Ticks;

    private Window WindowOf(string service) => _services.GetOrAdd(service, static _ => new Window());

    private sealed class Window
    {
        private readonly Lock _gate = new();
        private readonly long[] _epoch = new long[Buckets];
        private readonly int[] _requests = new int[Buckets];
        private readonly int[] _retries = new int[Buckets];

        public void Add(long bucket, int requests, int retries)
        {
            lock (_gate)
            {
                var slot = (int)(bucket % Buckets);
                if (_epoch[slot] != bucket)
                {
                    (_epoch[slot], _requests[slot], _retries[slot]) = (bucket, 0, 0);
                }

                _requests[slot] += requests;
                _retries[slot] += retries;
            }
        }

        public (int Requests, int Retries) Totals(long bucket)
        {
            lock (_gate)
            {
                var (requests, retries) = (0, 0);
                for (var slot = 0; slot < Buckets; slot++)
                {
                    if (bucket - _epoch[slot] < Buckets)
                    {
                        requests += _requests[slot];
                        retries += _retries[slot];
                    }
                }

                return (requests, retries);
            }
        }
    }
}
