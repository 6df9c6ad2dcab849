
namespace Mesh.Proxy.Caching;

/// <summary>
/// Which requests a stored response may answer beyond its URL (RFC 9111 §4.1): the values the request that fetched it had
/// for each header the response's <c>Vary</c> and the route's <c>varyByHeaders</c> name (null: absent), and the consumer
/// when the route varies by it.
/// </summary>
internal sealed class StoredVariant
{
    private readonly string[] _names;
    private readonly string?[] _values;

    private StoredVariant(string route, string[] names, string?[] values, string? consumer)
    {
        Route = route;
        _names = names;
        _values = values;
        Consumer = consumer;
    }

    public string Route { get; }

    public string? Consumer { get; }

    public int Size => _names.Sum(n => n.Length * 2) + _values.Sum(v => (v?.Length ?? 0) * 2) + ((Consumer?.Length ?? 0) * 2);

    public static StoredVariant Of(string route, IReadOnlyCollection<string> names, HttpRequest request, string? consumer)
    {
        var ordered = names.Order(StringComparer.Ordinal).ToArray();
        return new StoredVariant(route, ordered, [.. ordered.Select(n => Normalized(request, n))], consumer);
    }

    public bool Matches(string route, HttpRequest request, string? consumer)
    {
        if (!string.Equals(Route, route, StringComparison.Ordinal) || !string.Equals(Consumer, consumer, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (!string.Equals(_values[i], Normalized(request, _names[i]), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public bool SameAs(StoredVariant other) =>
        string.Equals(Route, other.Route, StringComparison.Ordinal)
        && string.Equals(Consumer, other.Consumer, StringComparison.Ordinal)
        && _names.AsSpan().SequenceEqual(other._names)
        && _values.AsSpan().SequenceEqual(other._values);

    /// <summary>A header's value as selection compares it: lines combined, list members trimmed (§4.1); null when absent.</summary>
    private static string? Normalized(HttpRequest request, string name)
    {
        if (!request.Headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var joined = values.Count == 1 ? values[0] ?? string.Empty : string.Join(',', values.ToArray());
        if (!joined.Contains(',') && !joined.Contains(' '))
        {
            return joined;
        }

        return string.Join(',', joined.Split(',', StringSplitOptions.TrimEntries));
    }
}
