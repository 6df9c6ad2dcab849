using System.Collections.Immutable;
using Mesh.Contracts;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;
using Mesh.Silo.Hosting;
using Mesh.Silo.Telemetry;
using Orleans.Serialization;

namespace Mesh.Silo.Catalog;

/// <summary>
/// The mesh's configuration and the state proxies need, in one grain: every configuration change is a commit
/// planned against one consistent view (<see cref="CommitPlan"/>) and stored as one write, and every change bumps
/// the version once: a commit pushes the whole snapshot, a change of endpoint state only a delta, and neither ever
/// queues behind a proxy that is slow to take it (<see cref="ProxyPushes"/>). It never waits
/// on a grain that could be waiting on it: endpoint grains reach it only through one-way calls, and circuit
/// grains read their service through an interleaved call.
/// </summary>
internal sealed partial class CatalogGrain(
    [PersistentState("configuration", StorageNames.Mesh)] IPersistentState<CatalogState> state,
    [PersistentState("catalog", StorageNames.Mesh)] IPersistentState<LegacyCatalogIndex> legacy,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    SiloMetrics metrics,
    Serializer<CatalogSnapshot> serializer,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan EjectionCheckPeriod = TimeSpan.FromMilliseconds(100);

    private readonly CatalogModel _model = new();
    private readonly EjectionHistory _ejections = new();
    private IGrainTimer? _ejectionTimer;
    private readonly ProxyPushes _pushes = new(time, logger);

    /// <summary>
    /// The snapshot proxies get, replaced only once the model holds everything its version stands for: pushes run
    /// while a commit awaits its storage, and must never see the new version with the old configuration.
    /// </summary>
    private CatalogSnapshot _published = CatalogSnapshot.Empty;

    /// <summary>The published snapshot encoded for pushes, made when the first push of its version needs it.</summary>
    private EncodedSnapshot? _encoded;

    private long Version => state.State.Version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await MigrateLegacyAsync();
        await LoadAsync();

        // A commit may have been half done when the last activation ended (stored, its endpoints not yet
        // registered): a fresh version makes proxies take the view rebuilt here rather than trust theirs.
        state.State.Version = NextVersion();
        await state.WriteStateAsync(cancellationToken);
        Publish();

        // A reminder brings the catalog back after a silo loss, which re-arms every endpoint's heartbeat TTL.
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod, cancellationToken);
        LogActivated(Version, _model.Config.Resources.Count, state.State.Sequence);
    }

    /// <summary>Each tick re-activates any endpoint grain or JWKS fetcher lost with a silo, so probes, TTLs and fetches run again.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        WatchAllJwks();
        return Task.WhenAll(state.State.Endpoints.SelectMany(s => s.Value.Select(id => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(s.Key, id)).GetStatusAsync())));
    }

    public ValueTask<CatalogSnapshot> GetSnapshotAsync() => ValueTask.FromResult(CurrentSnapshot());

    public ValueTask<CatalogSnapshot?> GetSnapshotIfNewerAsync(long knownVersion) =>
        ValueTask.FromResult(_published.Version > knownVersion ? _published : null);

    public ValueTask<long> GetVersionAsync() => ValueTask.FromResult(Version);

    public ValueTask<CatalogVersions> GetVersionsAsync() => ValueTask.FromResult(new CatalogVersions(state.State.ConfigVersion, Version));

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
        return (await PublishAsync([], revoked: true)).Version;
    }

    public Task SubscribeAsync(ICatalogObserver observer, long knownVersion)
    {
        _pushes.Subscribe(observer, knownVersion, EncodedCurrent);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICatalogObserver observer)
    {
        _pushes.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Derived from the clock as well as the last version, so that a catalog that lost its state
    /// (memory storage after a restart) still issues versions newer than any a proxy holds.
    /// </summary>
    private long NextVersion() => Math.Max(Version + 1, time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// A change of state (not of configuration) to the endpoints named: a new version, stored, with no history entry,
    /// pushed as a delta (the endpoints' statuses, the revoked serials when they changed, the purge made) rather than
    /// the catalog. A purge brings its own version, the one it was recorded at.
    /// </summary>
    private async Task<WriteResult> PublishAsync(IReadOnlyCollection<(string Service, string Id)> endpoints, bool revoked = false, CachePurge? purge = null)
    {
        var baseVersion = Version;
        state.State.Version = purge?.Version ?? NextVersion();
        await WriteAsync();
        var snapshot = Publish();
        var changed = ImmutableArray.CreateBuilder<EndpointStatus>();
        var removed = ImmutableArray.CreateBuilder<EndpointRemoval>();
        foreach (var (service, id) in endpoints)
        {
            if (snapshot.Services.TryGetValue(service, out var entry) && entry.Endpoints.TryGetValue(id, out var status))
            {
                changed.Add(status);
            }
            else
            {
                removed.Add(new EndpointRemoval(service, id));
            }
        }

        var delta = new EndpointStateDelta(baseVersion, Version, changed.ToImmutable(), removed.ToImmutable(), revoked ? snapshot.RevokedSerials : null)
        {
            CachePurges = purge is null ? [] : [purge],
        };
        _pushes.State(delta, EncodedCurrent);
        LogStatePushed(Version, endpoints.Count, _pushes.Count);
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

    /// <summary>The configuration changed: every proxy gets the whole snapshot (one push in flight each, the latest wins).</summary>
    private void PushSnapshot()
    {
        Publish();
        _pushes.Snapshot(EncodedCurrent);
        LogCommitted(Version, _pushes.Count);
    }

    private CatalogSnapshot CurrentSnapshot() => _published;

    private EncodedSnapshot EncodedCurrent() =>
        _encoded is { } encoded && encoded.Version == _published.Version ? encoded : _encoded = EncodedSnapshot.Encode(serializer, _published);

    private CatalogSnapshot Publish() => _published = _model.Snapshot(Version, state.State.ConfigVersion);
}
