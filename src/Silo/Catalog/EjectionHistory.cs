namespace Mesh.Silo.Catalog;

/// <summary>
/// How many times each endpoint was ejected, for the backoff (<c>baseEjection</c> × count). An endpoint
/// that stays in service for ten base ejections starts over at one. Soft state: a new catalog starts at one.
/// </summary>
internal sealed class EjectionHistory
{
    private const int ForgetAfterBaseEjections = 10;

    private readonly Dictionary<(string Service, string Id), (int Count, DateTimeOffset? Ended)> _history = [];

    public int Next(string service, string id, DateTimeOffset now, TimeSpan baseEjection)
    {
        var (count, ended) = _history.GetValueOrDefault((service, id));
        if (ended is { } last && now - last >= baseEjection * ForgetAfterBaseEjections)
        {
            count = 0;
        }

        _history[(service, id)] = (count + 1, null);
        return count + 1;
    }

    public void Ended(string service, string id, DateTimeOffset now)
    {
        if (_history.TryGetValue((service, id), out var entry))
        {
            _history[(service, id)] = (entry.Count, now);
        }
    }
}
