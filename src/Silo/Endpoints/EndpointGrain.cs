using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Hosting.Health;
using Mesh.Silo.Health;
using Mesh.Silo.Hosting;
using Mesh.Silo.Telemetry;

namespace Mesh.Silo.Endpoints;

/// <summary>
/// One registered endpoint: its registration and heartbeat TTL, its active health checks (once for the
/// whole mesh, not once per proxy) and the failures proxies report. It reaches the catalog only through
/// one-way calls, so the catalog may call it at any time without deadlock.
/// </summary>
internal sealed partial class EndpointGrain(
    [PersistentState("endpoint", StorageNames.Mesh)] IPersistentState<EndpointRegistration> registration,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    EndpointProber prober,
    SiloMetrics metrics,
    ILogger<EndpointGrain> logger) : Grain, IEndpointGrain
{
    private static readonly TimeSpan MinimumExpiryCheck = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaximumExpiryCheck = TimeSpan.FromSeconds(5);

    private readonly ConsecutiveFailures _failures = new();
    private ActiveHealth _health = new();
    private DateTimeOffset? _lastHeartbeat;
    private ProbeResult? _lastProbe;
    private long _revision;
    private (string Service, string EndpointId) _key;
    private IGrainTimer? _expiryTimer;
    private IGrainTimer? _probeTimer;

    private string Service => _key.Service;

    /// <summary>The sidecar beside the app probes it and reports; the silo could not pass the sidecar's mTLS.</summary>
    private bool IsSidecarProbed => registration.State.Spec?.Metadata.ContainsKey(EndpointMetadata.Sidecar) == true;

    private string Id => _key.EndpointId;

    private ICatalogGrain Catalog => GrainFactory.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseEndpoint(this.GetPrimaryKeyString());
        if (registration.State.Spec is not null)
        {
            _lastHeartbeat = time.GetUtcNow();
            StartTimers();
        }

        return Task.CompletedTask;
    }

    public async Task<EndpointStatus> RegisterAsync(EndpointSpec spec, EndpointPolicy policy)
    {
        registration.State = new EndpointRegistration { Spec = spec, Id = Guid.NewGuid(), Policy = policy };
        await registration.WriteStateAsync();
        _lastHeartbeat = time.GetUtcNow();
        _health = new ActiveHealth();
        _lastProbe = null;
        NextRevision();
        StartTimers();
        return Status()!;
    }

    public async Task UpdatePolicyAsync(EndpointPolicy policy)
    {
        if (registration.State.Spec is null || registration.State.Policy == policy)
        {
            return;
        }

        registration.State.Policy = policy;
        await registration.WriteStateAsync();
        StartTimers();
        if (!policy.HealthCheck.Enabled && _health.Health != EndpointHealth.Unknown)
        {
            // With checks switched off nothing would ever bring an unhealthy endpoint back.
            _health = new ActiveHealth();
            _lastProbe = null;
            await AnnounceHealthAsync();
        }
    }

    public async Task ClearAsync()
    {
        StopTimers();
        await registration.ClearStateAsync();
        registration.State = new EndpointRegistration();
        DeactivateOnIdle();
    }

    public Task<EndpointStatus?> GetStatusAsync() => Task.FromResult(Status());

    public Task<EndpointStatus?> HeartbeatAsync()
    {
        if (registration.State.Spec is not null)
        {
            _lastHeartbeat = time.GetUtcNow();
        }

        return Task.FromResult(Status());
    }

    public async Task<EndpointStatus?> DrainAsync()
    {
        if (registration.State.Spec is null)
        {
            return null;
        }

        if (!registration.State.Draining)
        {
            registration.State.Draining = true;
            await registration.WriteStateAsync();
            NextRevision();
        }

        return Status();
    }

    public Task ReportOutcomesAsync(EndpointOutcomes outcomes)
    {
        if (registration.State is { Spec: not null, Policy: { } policy } && _failures.Add(outcomes, policy.ConsecutiveFailures))
        {
            LogFailing(Service, Id, policy.ConsecutiveFailures);
            return Catalog.OnEndpointFailingAsync(Service, Id, registration.State.Id);
        }

        return Task.CompletedTask;
    }

    private EndpointStatus? Status() => registration.State.Spec is not { } spec
        ? null
        : new EndpointStatus(
            Service,
            Id,
            spec,
            registration.State.Draining ? EndpointHealth.Draining : _health.Health,
            _lastHeartbeat,
            null,
            registration.State.Id,
            _revision,
            _lastProbe);

    /// <summary>Also past any revision of an earlier activation: those were taken from an earlier clock reading.</summary>
    private long NextRevision() => _revision = Math.Max(_revision + 1, time.GetUtcNow().UtcTicks);

    private void StartTimers()
    {
        StopTimers();
        if (registration.State.Spec?.Ttl is { } ttl)
        {
            // Check several times per TTL so an endpoint leaves soon after it expires, but never spin.
            var period = TimeSpan.FromTicks(Math.Clamp(ttl.Ticks / 5, MinimumExpiryCheck.Ticks, MaximumExpiryCheck.Ticks));
            _expiryTimer = this.RegisterGrainTimer(ExpireIfSilentAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }

        if (registration.State.Policy?.HealthCheck is { Enabled: true } check && !IsSidecarProbed)
        {
            // Interleaved: a slow probe must not hold up heartbeats or reports. The first probe comes at once.
            _probeTimer = this.RegisterGrainTimer(ProbeAsync, new GrainTimerCreationOptions(TimeSpan.Zero, check.Interval) { KeepAlive = true, Interleave = true });
        }
    }

    private void StopTimers()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        _probeTimer?.Dispose();
        _probeTimer = null;
    }

    public async Task<EndpointStatus?> ReportProbeAsync(ProbeResult probe)
    {
        if (registration.State.Spec is null)
        {
            return null;
        }

        _lastHeartbeat = time.GetUtcNow();
        if (IsSidecarProbed)
        {
            await RecordProbeAsync(probe);
        }

        return Status();
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (registration.State is not { Spec: { } spec, Policy.HealthCheck: { Enabled: true } check })
        {
            return;
        }

        var registered = registration.State.Id;
        var probe = await prober.ProbeAsync(spec.Address, check, cancellationToken);
        if (registration.State.Id == registered)
        {
            await RecordProbeAsync(probe);
        }
    }

    private async Task RecordProbeAsync(ProbeResult probe)
    {
        metrics.Probed(Service, probe.Passed);
        _lastProbe = probe;
        if (registration.State.Policy?.HealthCheck is { Enabled: true } check && _health.Record(probe.Passed, check))
        {
            await AnnounceHealthAsync();
        }
    }

    private async Task AnnounceHealthAsync()
    {
        NextRevision();
        if (Status() is { } status)
        {
            LogHealthChanged(Service, Id, status.Health, status.LastProbe?.Result ?? "health checks off");
            await Catalog.OnEndpointChangedAsync(status);
        }
    }

    private async Task ExpireIfSilentAsync(CancellationToken cancellationToken)
    {
        if (registration.State.Spec?.Ttl is not { } ttl || _lastHeartbeat is not { } last || time.GetUtcNow() - last < ttl)
        {
            return;
        }

        var expired = registration.State.Id;
        LogExpired(Service, Id, ttl);
        await ClearAsync();
        await Catalog.OnEndpointExpiredAsync(Service, Id, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} expired: no heartbeat for {Ttl}")]
    private partial void LogExpired(string service, string endpointId, TimeSpan ttl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} is now {Health}: {Probe}")]
    private partial void LogHealthChanged(string service, string endpointId, EndpointHealth health, string probe);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} failed {Failures} requests in a row; asking to eject it")]
    private partial void LogFailing(string service, string endpointId, int failures);
}
