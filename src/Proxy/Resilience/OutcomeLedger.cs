using System.Collections.Concurrent;
using Mesh.Contracts.Endpoints;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// Counts outcomes on the hot path (a short lock per endpoint, no I/O) until the reporter takes them:
/// per endpoint for outlier ejection, per service for the circuit. A burst of failures wakes the reporter.
/// </summary>
internal sealed class OutcomeLedger : IDisposable
{
    /// <summary>Failures since the last report that make the reporter send at once rather than on its tick.</summary>
    public const int BurstFailures = 5;

    private readonly ConcurrentDictionary<(string Service, string Endpoint), EndpointTally> _endpoints = new();
    private readonly ConcurrentDictionary<string, ServiceTally> _services = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _burst = new(0, 1);
    private int _failuresSinceReport;

    /// <summary>Completes when a burst of failures is waiting to be reported.</summary>
    public Task<bool> WaitForBurstAsync(TimeSpan timeout, CancellationToken cancellationToken) => _burst.WaitAsync(timeout, cancellationToken);

    public void RecordAttempt(string service, string endpoint, bool succeeded)
    {
        _endpoints.GetOrAdd((service, endpoint), static _ => new EndpointTally()).Add(succeeded);
        if (!succeeded && Interlocked.Increment(ref _failuresSinceReport) == BurstFailures && _burst.CurrentCount == 0)
        {
            try
            {
                _burst.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another failure already woke the reporter.
            }
        }
    }

    public void Dispose() => _burst.Dispose();

    public void RecordRequest(string service, bool succeeded) => _services.GetOrAdd(service, static _ => new ServiceTally()).Add(succeeded);

    public (List<(string Service, string Endpoint, EndpointOutcomes Outcomes)> Endpoints, List<(string Service, int Successes, int Failures)> Services) Drain()
    {
        Interlocked.Exchange(ref _failuresSinceReport, 0);
        var endpoints = new List<(string, string, EndpointOutcomes)>();
        foreach (var (key, tally) in _endpoints)
        {
            if (tally.Take() is { } outcomes)
            {
                endpoints.Add((key.Service, key.Endpoint, outcomes));
            }
        }

        var services = new List<(string, int, int)>();
        foreach (var (service, tally) in _services)
        {
            if (tally.Take() is var (successes, failures) && successes + failures > 0)
            {
                services.Add((service, successes, failures));
            }
        }

        return (endpoints, services);
    }

    private sealed class EndpointTally
    {
        private readonly Lock _gate = new();
        private int _successes;
        private int _failures;
        private int _trailing;

        public void Add(bool succeeded)
        {
            lock (_gate)
            {
                if (succeeded)
                {
                    (_successes, _trailing) = (_successes + 1, 0);
                }
                else
                {
                    (_failures, _trailing) = (_failures + 1, _trailing + 1);
                }
            }
        }

        public EndpointOutcomes? Take()
        {
            lock (_gate)
            {
                if (_successes + _failures == 0)
                {
                    return null;
                }

                var outcomes = new EndpointOutcomes(_successes, _failures, _trailing);
                (_successes, _failures, _trailing) = (0, 0, 0);
                return outcomes;
            }
        }
    }

    private sealed class ServiceTally
    {
        private int _successes;
        private int _failures;

        public void Add(bool succeeded)
        {
            if (succeeded)
            {
                Interlocked.Increment(ref _successes);
            }
            else
            {
                Interlocked.Increment(ref _failures);
            }
        }

        public (int Successes, int Failures) Take() => (Interlocked.Exchange(ref _successes, 0), Interlocked.Exchange(ref _failures, 0));
    }
}
