using System.Collections.Immutable;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;

namespace Mesh.Silo.Catalog;

/// <summary>
/// What the catalog sends every watching proxy. One push is in flight per proxy at a time; whatever changes while
/// it is becomes one push when it returns (one delta merging every state change since the version the proxy
/// acknowledged, or the whole latest snapshot when a commit came between), so a slow proxy costs the catalog nothing
/// and never works through a queue of stale versions. A proxy that stops answering or stops re-subscribing is
/// forgotten; it catches up with a full snapshot when it subscribes again.
/// </summary>
internal sealed partial class ProxyPushes(TimeProvider time, ILogger logger)
{
    /// <summary>Proxies re-subscribe every few seconds; one silent for this long is gone.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>A push not acknowledged by then drops the proxy, which re-subscribes and resyncs.</summary>
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);

    /// <summary>State changes since the last commit kept for merging; a proxy further behind gets the whole snapshot.</summary>
    private const int RecentDeltas = 1024;

    private readonly Dictionary<ICatalogObserver, Watcher> _watchers = [];
    private readonly List<EndpointStateDelta> _recent = [];

    public int Count => _watchers.Count;

    public void Subscribe(ICatalogObserver observer, long knownVersion, Func<EncodedSnapshot> current)
    {
        if (!_watchers.TryGetValue(observer, out var watcher))
        {
            watcher = new Watcher(observer) { Acknowledged = knownVersion };
            _watchers.Add(observer, watcher);
        }

        watcher.Subscribed = time.GetUtcNow();
        if (current().Version > knownVersion)
        {
            Send(watcher, current);
        }
    }

    public void Unsubscribe(ICatalogObserver observer) => _watchers.Remove(observer);

    /// <summary>The configuration changed: every proxy gets the whole snapshot.</summary>
    public void Snapshot(Func<EncodedSnapshot> current)
    {
        _recent.Clear();
        foreach (var watcher in Live())
        {
            Send(watcher, current);
        }
    }

    /// <summary>Only endpoint state changed: a delta to whoever holds a version since the last commit, the whole snapshot to the rest.</summary>
    public void State(EndpointStateDelta delta, Func<EncodedSnapshot> current)
    {
        if (_recent.Count > 0 && _recent[^1].Version != delta.BaseVersion)
        {
            _recent.Clear();
        }

        _recent.Add(delta);
        if (_recent.Count > RecentDeltas)
        {
            _recent.RemoveAt(0);
        }

        foreach (var watcher in Live())
        {
            Send(watcher, current);
        }
    }

    private List<Watcher> Live()
    {
        var cutoff = time.GetUtcNow() - Lifetime;
        foreach (var gone in _watchers.Values.Where(w => w.Subscribed < cutoff).ToList())
        {
            _watchers.Remove(gone.Observer);
        }

        return [.. _watchers.Values];
    }

    private void Send(Watcher watcher, Func<EncodedSnapshot> current)
    {
        if (watcher.Busy)
        {
            watcher.Behind = true;
            return;
        }

        watcher.Busy = true;
        _ = DeliverAsync(watcher, current);
    }

    /// <summary>
    /// Runs on the catalog's scheduler: its continuations never overlap the catalog's own calls. Sends the state
    /// changes since what the proxy acknowledged as one delta when there were only such changes, else the snapshot.
    /// </summary>
    private async Task DeliverAsync(Watcher watcher, Func<EncodedSnapshot> current)
    {
        while (true)
        {
            try
            {
                if (DeltaSince(watcher.Acknowledged) is { } delta)
                {
                    await watcher.Observer.OnEndpointStateAsync(delta).WaitAsync(PushTimeout);
                    watcher.Acknowledged = delta.Version;
                }
                else
                {
                    var snapshot = current();
                    await watcher.Observer.OnSnapshotAsync(snapshot).WaitAsync(PushTimeout);
                    watcher.Acknowledged = snapshot.Version;
                }
            }
            catch (Exception e)
            {
                _watchers.Remove(watcher.Observer);
                LogDropped(e);
                return;
            }

            if (!watcher.Behind)
            {
                watcher.Busy = false;
                return;
            }

            watcher.Behind = false;
        }
    }

    /// <summary>Every state change since <paramref name="version"/> as one delta, or null when a commit (or the log's end) lies between.</summary>
    private EndpointStateDelta? DeltaSince(long version)
    {
        var start = _recent.FindIndex(d => d.BaseVersion == version);
        if (start < 0)
        {
            return null;
        }

        var changed = new Dictionary<(string, string), EndpointStatus>();
        var removed = new Dictionary<(string, string), EndpointRemoval>();
        ImmutableSortedSet<string>? revoked = null;
        var purges = ImmutableArray.CreateBuilder<CachePurge>();
        foreach (var delta in _recent.Skip(start))
        {
            purges.AddRange(delta.CachePurges);
            foreach (var status in delta.Changed)
            {
                removed.Remove((status.Service, status.Id));
                changed[(status.Service, status.Id)] = status;
            }

            foreach (var removal in delta.Removed)
            {
                changed.Remove((removal.Service, removal.Id));
                removed[(removal.Service, removal.Id)] = removal;
            }

            revoked = delta.RevokedSerials ?? revoked;
        }

        return new EndpointStateDelta(version, _recent[^1].Version, [.. changed.Values], [.. removed.Values], revoked) { CachePurges = purges.ToImmutable() };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A proxy did not take a push; it is dropped until it subscribes again")]
    private partial void LogDropped(Exception exception);

    private sealed class Watcher(ICatalogObserver observer)
    {
        public ICatalogObserver Observer { get; } = observer;

        public DateTimeOffset Subscribed { get; set; }

        /// <summary>The last version this proxy acknowledged.</summary>
        public long Acknowledged { get; set; }

        public bool Busy { get; set; }

        /// <summary>Something changed while a push was in flight: send the whole latest snapshot next.</summary>
        public bool Behind { get; set; }
    }
}
