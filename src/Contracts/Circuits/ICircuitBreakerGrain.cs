using Mesh.Contracts.Services;

namespace Mesh.Contracts.Circuits;

/// <summary>
/// Keyed by service name: one circuit for the whole mesh. Proxies report outcomes in batches and read a
/// pushed state on the hot path; only a half-open circuit is asked per request, for one of its probe permits.
/// </summary>
[Alias("mesh.circuit-breaker")]
public interface ICircuitBreakerGrain : IGrainWithStringKey
{
    [Alias("get-status")]
    Task<CircuitStatus> GetStatusAsync();

    [Alias("report")]
    Task ReportAsync(int successes, int failures);

    /// <summary>While half-open, grants exactly the spec's number of probe requests across all proxies.</summary>
    [Alias("try-acquire-probe")]
    Task<bool> TryAcquireProbeAsync();

    [Alias("report-probe")]
    Task ReportProbeAsync(bool succeeded);

    /// <summary>
    /// Gives back a probe permit whose request says nothing about the service (the client went away or was
    /// refused before the upstream answered), so another request can probe in its place.
    /// </summary>
    [Alias("release-probe")]
    Task ReleaseProbeAsync();

    /// <summary>Closes the circuit by hand.</summary>
    [Alias("reset")]
    Task<CircuitStatus> ResetAsync();

    /// <summary>The service's circuit settings changed.</summary>
    [Alias("configure")]
    Task ConfigureAsync(CircuitBreakerSpec spec);

    [Alias("subscribe")]
    Task SubscribeAsync(ICircuitObserver observer);

    [Alias("unsubscribe")]
    Task UnsubscribeAsync(ICircuitObserver observer);
}
