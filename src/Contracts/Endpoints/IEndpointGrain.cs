namespace Mesh.Contracts.Endpoints;

/// <summary>
/// Keyed by <see cref="GrainKeys.Endpoint"/>. Owns a registration, its heartbeat TTL and its health.
/// Registration, drain and removal come from the catalog; heartbeats come straight from the instance.
/// </summary>
[Alias("mesh.endpoint")]
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <summary>Replaces the registration (health starts over as unknown) and starts probing per <paramref name="policy"/>.</summary>
    [Alias("register")]
    Task<EndpointStatus> RegisterAsync(EndpointSpec spec, EndpointPolicy policy);

    /// <summary>The service's health check or outlier settings changed.</summary>
    [Alias("update-policy")]
    Task UpdatePolicyAsync(EndpointPolicy policy);

    /// <summary>A proxy's batch of request outcomes (passive health).</summary>
    [Alias("report-outcomes")]
    Task ReportOutcomesAsync(EndpointOutcomes outcomes);

    [Alias("clear")]
    Task ClearAsync();

    [Alias("get-status")]
    Task<EndpointStatus?> GetStatusAsync();

    /// <summary>Keeps a TTL registration alive. Null when there is no registration (it expired or never existed).</summary>
    [Alias("heartbeat")]
    Task<EndpointStatus?> HeartbeatAsync();

    /// <summary>
    /// A health check run by the endpoint's own sidecar (<see cref="EndpointMetadata.Sidecar"/>), with what it
    /// found; counts as a heartbeat. Null when there is no registration.
    /// </summary>
    [Alias("report-probe")]
    Task<EndpointStatus?> ReportProbeAsync(ProbeResult probe);

    /// <summary>Stops new traffic; in-flight requests finish at the proxies.</summary>
    [Alias("drain")]
    Task<EndpointStatus?> DrainAsync();
}
