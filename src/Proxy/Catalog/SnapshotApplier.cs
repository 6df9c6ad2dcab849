using System.Globalization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Proxies;
using Mesh.Proxy.Caching;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Routing;
using Mesh.Proxy.Sidecar;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Mesh.Proxy.Catalog;

/// <summary>
/// Takes snapshots newer than the one applied, hands YARP the routes and clusters built from them, and
/// commits the view only when YARP reports the configuration applied: the forwarder never sees a view
/// that YARP refused, and a refused snapshot leaves the last good one serving.
/// </summary>
internal sealed partial class SnapshotApplier(
    InMemoryConfigProvider yarp,
    SnapshotFile file,
    SnapshotPurges purges,
    IOptions<ProxyOptions> options,
    TimeProvider time,
    ILogger<SnapshotApplier> logger)
{
    private readonly bool _sidecar = options.Value.Mode == ProxyMode.Sidecar;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CatalogSnapshot> _pending = new(StringComparer.Ordinal);
    private ProxyView _current = ProxyView.Empty;
    private CatalogSnapshot _latest = CatalogSnapshot.Empty;
    private long _offered;

    /// <summary>Raised after a snapshot is applied or refused; the reporter tells the control plane.</summary>
    public event Action? Changed;

    public ProxyView Current => Volatile.Read(ref _current);

    public long AppliedVersion => Current.Version;

    /// <summary>The newest version handed to YARP (applied or still being applied).</summary>
    public long OfferedVersion => Volatile.Read(ref _offered);

    /// <summary>Why the last refused snapshot was refused, until a later one applies.</summary>
    public string? LastError { get; private set; }

    /// <summary>Offers a snapshot; older or equal versions are ignored. Returns whether it was handed to YARP.</summary>
    public bool Offer(CatalogSnapshot snapshot)
    {
        lock (_gate)
        {
            if (snapshot.Version <= _offered)
            {
                return false;
            }

            _offered = snapshot.Version;
            _latest = snapshot;
            if (_sidecar)
            {
                snapshot = OutboundRoutes.Replace(snapshot);
            }

            var revision = snapshot.Version.ToString(CultureInfo.InvariantCulture);
            _pending[revision] = snapshot;
            var (routes, clusters) = YarpConfigTranslator.Translate(snapshot);
            yarp.Update(routes, clusters, revision);
            return true;
        }
    }

    /// <summary>
    /// Applies a change of endpoint state to the latest snapshot offered. False when this proxy does not hold the
    /// version the delta applies to: it must fetch the whole snapshot instead.
    /// </summary>
    public bool OfferDelta(EndpointStateDelta delta)
    {
        lock (_gate)
        {
            if (delta.Version <= _offered)
            {
                return true;
            }

            return delta.ApplyTo(_latest) is { } next && Offer(next);
        }
    }

    public void OnApplied(string revision)
    {
        CatalogSnapshot? applied;
        CatalogSnapshot previous;
        lock (_gate)
        {
            if (!_pending.Remove(revision, out applied) || applied.Version <= _current.Version)
            {
                return;
            }

            foreach (var older in _pending.Where(p => p.Value.Version < applied.Version).Select(p => p.Key).ToList())
            {
                _pending.Remove(older);
            }

            previous = _current.Snapshot;
            Volatile.Write(ref _current, new ProxyView(applied, _current, time));
            LastError = null;
        }

        // Before the report: an edge that reports a purge's version has dropped what it names.
        purges.Apply(previous, applied);

        LogApplied(applied.Version, applied.Routes.Count, applied.Services.Count);
        _ = file.SaveAsync(applied);
        Changed?.Invoke();
    }

    public void OnRefused(string revision, Exception reason)
    {
        lock (_gate)
        {
            if (!_pending.Remove(revision, out var refused))
            {
                return;
            }

            // Let a later push of the same version try again once the cause is fixed upstream.
            _offered = Math.Max(_current.Version, _pending.Keys.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max());
            LastError = $"snapshot {refused.Version} refused: {reason.GetBaseException().Message}";
        }

        LogRefused(revision, reason);
        Changed?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied catalog version {Version}: {Routes} routes, {Services} services")]
    private partial void LogApplied(long version, int routes, int services);

    [LoggerMessage(Level = LogLevel.Error, Message = "YARP refused catalog version {Revision}; still serving the last good one")]
    private partial void LogRefused(string revision, Exception exception);
}
