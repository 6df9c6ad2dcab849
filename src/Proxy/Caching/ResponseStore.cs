using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Caching;

/// <summary>
/// The edge's stored responses, in memory, bounded by <c>Mesh:Proxy:Cache:MaxBytes</c>: the least recently used go first
/// when a new one needs the room. Responses are filed by URL, several variants per URL (<see cref="StoredVariant"/>), so an
/// unsafe request invalidates every variant of its URL at once. One lock guards it all; each operation is a few
/// dictionary and list steps under it.
/// </summary>
internal sealed class ResponseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredResponse>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredResponse> _recency = new();
    private readonly long _maxBytes;
    private readonly CacheMetrics _metrics;
    private readonly Queue<Drop> _drops = new();
    private long _bytes;
    private long _epoch;

    public ResponseStore(IOptions<ProxyCacheOptions> options, CacheMetrics metrics)
    {
        _maxBytes = options.Value.MaxBytes;
        _metrics = metrics;
        metrics.Observe(this);
    }

    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>
    /// Grows with every invalidation and purge. A fetch that began before one that covers its URL stores nothing: what
    /// it fetched may be what was just dropped.
    /// </summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>The latest invalidations and purges kept to judge fetches that overlapped them; past these, a fetch that old stores nothing.</summary>
    private const int RecentDrops = 4096;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _recency.Count;
            }
        }
    }

    /// <summary>The variant of <paramref name="key"/> that the request selects, marked as just used; null when none does.</summary>
    public StoredResponse? Find(string key, string route, HttpRequest request, string? consumer)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var variants))
            {
                return null;
            }

            foreach (var stored in variants)
            {
                if (stored.Variant.Matches(route, request, consumer))
                {
                    _recency.Remove(stored.Node!);
                    _recency.AddFirst(stored.Node!);
                    return stored;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Stores a response in place of the variant it replaces, making room by evicting the least recently used; unless
    /// its URL was invalidated or purged since <paramref name="epoch"/>, when the fetch began.
    /// </summary>
    public void Store(StoredResponse response, long epoch)
    {
        if (response.Size > _maxBytes)
        {
            return;
        }

        var evicted = 0;
        lock (_gate)
        {
            if (DroppedSince(epoch, response))
            {
                return;
            }

            if (!_byKey.TryGetValue(response.Key, out var variants))
            {
                variants = [];
                _byKey.Add(response.Key, variants);
            }

            var replaced = variants.FindIndex(v => v.Variant.SameAs(response.Variant));
            if (replaced >= 0)
            {
                Unlink(variants[replaced]);
                variants.RemoveAt(replaced);
            }

            variants.Add(response);
            response.Node = _recency.AddFirst(response);
            _bytes += response.Size;
            while (_bytes > _maxBytes && _recency.Last is { } oldest)
            {
                Remove(oldest.Value);
                evicted++;
            }
        }

        _metrics.Evicted(evicted);
    }

    /// <summary>Drops every variant stored for the URL; how many there were.</summary>
    public int Invalidate(string key)
    {
        lock (_gate)
        {
            Record(new Drop(++_epoch, key, null, null));
            if (!_byKey.Remove(key, out var variants))
            {
                return 0;
            }

            variants.ForEach(Unlink);
            return variants.Count;
        }
    }

    /// <summary>Drops what a purge names: one route's responses or all, under a path prefix or all; how many there were.</summary>
    public int Purge(string? route, string? pathPrefix)
    {
        lock (_gate)
        {
            Record(new Drop(++_epoch, null, route, pathPrefix));
            var matching = _recency.Where(r => (route is null || string.Equals(r.Route, route, StringComparison.Ordinal))
                && (pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))).ToList();
            matching.ForEach(Remove);
            return matching.Count;
        }
    }

    private void Record(Drop drop)
    {
        _drops.Enqueue(drop);
        if (_drops.Count > RecentDrops)
        {
            _drops.Dequeue();
        }
    }

    private bool DroppedSince(long epoch, StoredResponse response)
    {
        if (epoch == _epoch)
        {
            return false;
        }

        if (_drops.Count == 0 || _drops.Peek().Epoch > epoch + 1)
        {
            return true;
        }

        foreach (var drop in _drops)
        {
            if (drop.Epoch > epoch && drop.Covers(response))
            {
                return true;
            }
        }

        return false;
    }

    private void Remove(StoredResponse response)
    {
        if (_byKey.TryGetValue(response.Key, out var variants))
        {
            variants.Remove(response);
            if (variants.Count == 0)
            {
                _byKey.Remove(response.Key);
            }
        }

        Unlink(response);
    }

    private void Unlink(StoredResponse response)
    {
        if (response.Node is { } node)
        {
            _recency.Remove(node);
            response.Node = null;
            _bytes -= response.Size;
        }
    }

    /// <summary>An invalidation (<see cref="Key"/>) or a purge (<see cref="Route"/> and <see cref="PathPrefix"/>, null: all).</summary>
    private readonly record struct Drop(long Epoch, string? Key, string? Route, string? PathPrefix)
    {
        public bool Covers(StoredResponse response) => Key is not null
            ? string.Equals(Key, response.Key, StringComparison.Ordinal)
            : (Route is null || string.Equals(Route, response.Route, StringComparison.Ordinal))
                && (PathPrefix is null || response.Path.StartsWith(PathPrefix, StringComparison.Ordinal));
    }
}
