using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;
using Mesh.Silo.Hosting;
using Mesh.Silo.Telemetry;
using Orleans.Utilities;

namespace Mesh.Silo.Catalog;

/// <summary>
/// The mesh's configuration and the state proxies need, in one grain: every configuration change is a commit
/// planned against one consistent view (<see cref="CommitPlan"/>) and stored as one write, and every change,
/// of configuration or of endpoint state, bumps the version once and pushes the new snapshot. It never waits
/// on a grain that could be waiting on it: endpoint grains reach it only through one-way calls, and circuit
/// grains read their service through an interleaved call.
/// </summary>
internal sealed partial class CatalogGrain(
    [PersistentState("configuration", StorageNames.Mesh)] IPersistentState<CatalogState> state,
    [PersistentState("catalog", StorageNames.Mesh)] IPersistentState<LegacyCatalogIndex> legacy,
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

    private long Version => state.State.Version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await MigrateLegacyAsync();
        await LoadAsync();

        // A commit may have been half done when the last activation ended (stored, its endpoints not yet
        // registered): a fresh version makes proxies take the view rebuilt here rather than trust theirs.
        state.State.Version = NextVersion();
        await state.WriteStateAsync(cancellationToken);

        // A reminder brings the catalog back after a silo loss, which re-arms every endpoint's heartbeat TTL.
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod, cancellationToken);
        LogActivated(Version, _model.Config.Resources.Count, state.State.Sequence);
    }

    /// <summary>Each tick re-activates any endpoint grain lost with a silo, so its probes and TTL run again.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Task.WhenAll(state.State.Endpoints.SelectMany(s => s.Value.Select(id => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(s.Key, id)).GetStatusAsync())));

    public ValueTask<CatalogSnapshot> GetSnapshotAsync() => ValueTask.FromResult(_model.Snapshot(Version));

    public ValueTask<CatalogSnapshot?> GetSnapshotIfNewerAsync(long knownVersion) =>
        ValueTask.FromResult(Version > knownVersion ? _model.Snapshot(Version) : null);

    public ValueTask<long> GetVersionAsync() => ValueTask.FromResult(Version);

    public Task<ServiceSpec?> GetServiceSpecAsync(string name) => Task.FromResult(_model.FindService(name));

    public async Task<long> OnCertificateRevokedAsync(string serial, DateTimeOffset notAfter)
    {
        var now = time.GetUtcNow();
        foreach (var expired in state.State.Revoked.Where(r => r.Value <= now).Select(r => r.Key).ToList())
        {
            state.State.Revoked.Remove(expired);
        }

        state.State.Revoked[serial] = notAfter;
        _model.SetRevoked(state.State.Revoked.Keys);
        return (await PublishAsync()).Version;
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

    /// <summary>A change of state (not of configuration): a new version, stored and pushed, with no history entry.</summary>
    private async Task<WriteResult> PublishAsync()
    {
        state.State.Version = NextVersion();
        await WriteAsync();
        await PushAsync();
        return WriteResult.Applied(Version);
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory view is now ahead of storage: reload it from storage on the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task PushAsync()
    {
        var snapshot = _model.Snapshot(Version);
        await _observers.Notify(observer => observer.OnSnapshotAsync(snapshot));
        LogCommitted(Version, _observers.Count);
    }
}
