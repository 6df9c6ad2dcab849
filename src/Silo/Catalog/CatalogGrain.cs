using Mesh.Contracts;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;
using Mesh.Silo.Hosting;
using Mesh.Silo.Telemetry;
using Orleans.Utilities;

namespace Mesh.Silo.Catalog;

/// <summary>
/// Decides every configuration write against one consistent view, stores the spec in its own grain,
/// then bumps the version and pushes the new snapshot. It never waits on a grain that could be waiting on it:
/// spec and endpoint grains only ever reach it through one-way calls.
/// </summary>
internal sealed partial class CatalogGrain(
    [PersistentState("catalog", StorageNames.Mesh)] IPersistentState<CatalogIndex> index,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    SiloMetrics metrics,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan EjectionCheckPeriod = TimeSpan.FromMilliseconds(100);

    private readonly CatalogModel _model = new();
    private readonly EjectionHistory _ejections = new();
    private IGrainTimer? _ejectionTimer;
    private readonly ObserverManager<ICatalogObserver> _observers = new(ObserverLifetime, logger);

    private long Version => index.State.Version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync();

        // Specs may have been written after the last stored version (a crash between the two writes):
        // a fresh version makes proxies take the loaded view rather than trust the one they hold.
        index.State.Version = NextVersion();
        await index.WriteStateAsync(cancellationToken);

        // A reminder brings the catalog back after a silo loss, which re-arms every endpoint's heartbeat TTL.
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod, cancellationToken);
        LogActivated(Version, index.State.Services.Count, index.State.Routes.Count);
    }

    /// <summary>Each tick re-activates any endpoint grain lost with a silo, so its probes and TTL run again.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Task.WhenAll(index.State.Endpoints.SelectMany(s => s.Value.Select(id => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(s.Key, id)).GetStatusAsync())));

    public ValueTask<CatalogSnapshot> GetSnapshotAsync() => ValueTask.FromResult(_model.Snapshot(Version));

    public ValueTask<CatalogSnapshot?> GetSnapshotIfNewerAsync(long knownVersion) =>
        ValueTask.FromResult(Version > knownVersion ? _model.Snapshot(Version) : null);

    public ValueTask<long> GetVersionAsync() => ValueTask.FromResult(Version);

    public async Task<WriteResult> PutServiceAsync(string name, ServiceSpec spec)
    {
        if (!ResourceNames.IsValidName(name))
        {
            return WriteResult.Refused(WriteOutcome.Invalid, Version, "name", ResourceNames.NameRule);
        }

        var previous = _model.FindService(name);
        await GrainFactory.GetGrain<IServiceGrain>(name).StoreAsync(spec);
        _model.SetService(name, spec);
        index.State.Services.Add(name);
        EndpointIndex(name);
        var result = await CommitAsync();

        if (previous is null || previous.CircuitBreaker != spec.CircuitBreaker)
        {
            await GrainFactory.GetGrain<ICircuitBreakerGrain>(name).ConfigureAsync(spec.CircuitBreaker);
        }

        if (previous is not null && EndpointPolicy.From(previous) != EndpointPolicy.From(spec))
        {
            var policy = EndpointPolicy.From(spec);
            await Task.WhenAll(_model.EndpointIds(name).Select(id => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(name, id)).UpdatePolicyAsync(policy)));
        }

        return result;
    }

    public async Task<WriteResult> DeleteServiceAsync(string name)
    {
        if (!_model.HasService(name))
        {
            return WriteResult.NotFound(Version);
        }

        if (_model.RoutesUsingService(name) is { Count: > 0 } routes)
        {
            return WriteResult.Refused(WriteOutcome.Conflict, Version, "name", $"service '{name}' is used by routes: {string.Join(", ", routes)}");
        }

        var endpoints = _model.EndpointIds(name).ToList();
        var hadAuthz = _model.HasAuthz(name);
        _model.RemoveService(name);
        _model.RemoveAuthz(name);
        index.State.Services.Remove(name);
        index.State.Endpoints.Remove(name);
        index.State.Authz.Remove(name);
        var result = await CommitAsync();

        await GrainFactory.GetGrain<IServiceGrain>(name).ClearAsync();
        if (hadAuthz)
        {
            await GrainFactory.GetGrain<IAuthzPolicyGrain>(name).ClearAsync();
        }

        await Task.WhenAll(endpoints.Select(id => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(name, id)).ClearAsync()));
        return result;
    }

    public async Task<WriteResult> PutRouteAsync(string id, RouteSpec spec)
    {
        var errors = _model.CheckReferences(spec);
        if (!ResourceNames.IsValidName(id))
        {
            errors.Add("id", ResourceNames.NameRule);
        }

        if (!errors.IsEmpty)
        {
            return WriteResult.Refused(WriteOutcome.Invalid, Version, errors);
        }

        await GrainFactory.GetGrain<IRouteGrain>(id).StoreAsync(spec);
        _model.SetRoute(id, spec);
        index.State.Routes.Add(id);
        return await CommitAsync();
    }

    public async Task<WriteResult> DeleteRouteAsync(string id)
    {
        if (!_model.HasRoute(id))
        {
            return WriteResult.NotFound(Version);
        }

        _model.RemoveRoute(id);
        index.State.Routes.Remove(id);
        var result = await CommitAsync();
        await GrainFactory.GetGrain<IRouteGrain>(id).ClearAsync();
        return result;
    }

    public async Task<WriteResult> PutRateLimitPolicyAsync(string name, RateLimitPolicySpec spec)
    {
        if (!ResourceNames.IsValidName(name))
        {
            return WriteResult.Refused(WriteOutcome.Invalid, Version, "name", ResourceNames.NameRule);
        }

        await GrainFactory.GetGrain<IRateLimitPolicyGrain>(name).StoreAsync(spec);
        _model.SetRateLimit(name, spec);
        index.State.RateLimits.Add(name);
        return await CommitAsync();
    }

    public async Task<WriteResult> DeleteRateLimitPolicyAsync(string name)
    {
        if (!_model.HasRateLimit(name))
        {
            return WriteResult.NotFound(Version);
        }

        if (_model.RoutesUsingRateLimit(name) is { Count: > 0 } routes)
        {
            return WriteResult.Refused(WriteOutcome.Conflict, Version, "name", $"rate-limit policy '{name}' is used by routes: {string.Join(", ", routes)}");
        }

        _model.RemoveRateLimit(name);
        index.State.RateLimits.Remove(name);
        var result = await CommitAsync();
        await GrainFactory.GetGrain<IRateLimitPolicyGrain>(name).ClearAsync();
        return result;
    }

    public async Task<WriteResult> PutAuthzPolicyAsync(string service, AuthzPolicySpec spec)
    {
        if (!_model.HasService(service))
        {
            return WriteResult.NotFound(Version);
        }

        await GrainFactory.GetGrain<IAuthzPolicyGrain>(service).StoreAsync(spec);
        _model.SetAuthz(service, spec);
        index.State.Authz.Add(service);
        return await CommitAsync();
    }

    public async Task<WriteResult> DeleteAuthzPolicyAsync(string service)
    {
        if (!_model.HasAuthz(service))
        {
            return WriteResult.NotFound(Version);
        }

        _model.RemoveAuthz(service);
        index.State.Authz.Remove(service);
        var result = await CommitAsync();
        await GrainFactory.GetGrain<IAuthzPolicyGrain>(service).ClearAsync();
        return result;
    }

    public async Task<long> OnCertificateRevokedAsync(string serial, DateTimeOffset notAfter)
    {
        var now = time.GetUtcNow();
        foreach (var expired in index.State.Revoked.Where(r => r.Value <= now).Select(r => r.Key).ToList())
        {
            index.State.Revoked.Remove(expired);
        }

        index.State.Revoked[serial] = notAfter;
        _model.SetRevoked(index.State.Revoked.Keys);
        return (await CommitAsync()).Version;
    }

    public Task SubscribeAsync(ICatalogObserver observer, long knownVersion)
    {
        _observers.Subscribe(observer, observer);
        if (Version > knownVersion)
        {
            return observer.OnSnapshotAsync(_model.Snapshot(Version));
        }

        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICatalogObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Derived from the clock as well as the last version, so that a catalog that lost its state
    /// (memory storage after a restart) still issues versions newer than any a proxy holds.
    /// </summary>
    private long NextVersion() => Math.Max(Version + 1, time.GetUtcNow().ToUnixTimeMilliseconds());

    private async Task<WriteResult> CommitAsync()
    {
        try
        {
            index.State.Version = NextVersion();
            await index.WriteStateAsync();
        }
        catch
        {
            // The in-memory view is now ahead of storage: reload it from storage on the next call.
            DeactivateOnIdle();
            throw;
        }

        var snapshot = _model.Snapshot(Version);
        await _observers.Notify(observer => observer.OnSnapshotAsync(snapshot));
        LogCommitted(Version, _observers.Count);
        return WriteResult.Applied(Version);
    }
}
