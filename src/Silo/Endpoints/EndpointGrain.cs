using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Endpoints;

internal sealed partial class EndpointGrain(
    [PersistentState("endpoint", StorageNames.Mesh)] IPersistentState<EndpointRegistration> registration,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    ILogger<EndpointGrain> logger) : Grain, IEndpointGrain
{
    private static readonly TimeSpan MinimumExpiryCheck = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaximumExpiryCheck = TimeSpan.FromSeconds(5);

    private DateTimeOffset? _lastHeartbeat;
    private IGrainTimer? _expiryTimer;

    private string Service => GrainKeys.ParseEndpoint(this.GetPrimaryKeyString()).Service;

    private string Id => GrainKeys.ParseEndpoint(this.GetPrimaryKeyString()).EndpointId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (registration.State.Spec is not null)
        {
            _lastHeartbeat = time.GetUtcNow();
            StartExpiryTimer(registration.State.Spec.Ttl);
        }

        return Task.CompletedTask;
    }

    public async Task<EndpointStatus> RegisterAsync(EndpointSpec spec)
    {
        registration.State = new EndpointRegistration { Spec = spec, Id = Guid.NewGuid() };
        await registration.WriteStateAsync();
        _lastHeartbeat = time.GetUtcNow();
        StartExpiryTimer(spec.Ttl);
        return Status()!;
    }

    public async Task ClearAsync()
    {
        StopExpiryTimer();
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
        }

        return Status();
    }

    private EndpointStatus? Status() => registration.State.Spec is not { } spec
        ? null
        : new EndpointStatus(
            Service,
            Id,
            spec,
            registration.State.Draining ? EndpointHealth.Draining : EndpointHealth.Unknown,
            _lastHeartbeat,
            null,
            registration.State.Id);

    private void StartExpiryTimer(TimeSpan? ttl)
    {
        StopExpiryTimer();
        if (ttl is not { } lifetime)
        {
            return;
        }

        // Check several times per TTL so an endpoint leaves soon after it expires, but never spin.
        var period = TimeSpan.FromTicks(Math.Clamp(lifetime.Ticks / 5, MinimumExpiryCheck.Ticks, MaximumExpiryCheck.Ticks));
        _expiryTimer = this.RegisterGrainTimer(ExpireIfSilentAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopExpiryTimer()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
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
        await GrainFactory.GetGrain<ICatalogGrain>(GrainKeys.Catalog).OnEndpointExpiredAsync(Service, Id, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} expired: no heartbeat for {Ttl}")]
    private partial void LogExpired(string service, string endpointId, TimeSpan ttl);
}
