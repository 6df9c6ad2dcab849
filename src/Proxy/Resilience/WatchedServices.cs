namespace Mesh.Proxy.Resilience;

/// <summary>
/// The services whose circuits a proxy watches, as snapshots come and go: which appeared (subscribe now) and which
/// went (forget their state). A subscription lasts, so a new snapshot needs calls only for services it added, not one
/// per service per change; the renewal timer re-subscribes to all of them.
/// </summary>
internal sealed class WatchedServices
{
    private HashSet<string> _watched = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> All => _watched;

    public (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Update(IEnumerable<string> services)
    {
        var next = services.ToHashSet(StringComparer.Ordinal);
        var added = next.Where(service => !_watched.Contains(service)).ToList();
        var removed = _watched.Where(service => !next.Contains(service)).ToList();
        _watched = next;
        return (added, removed);
    }
}
