using System.Collections.Concurrent;

namespace Mesh.Proxy.Telemetry;

/// <summary>
/// The <c>consumer</c> label of request metrics, bounded: the first <see cref="Limit"/> consumers an edge serves are
/// named, every later one is <c>other</c>, so a flood of token subjects cannot grow the metrics without end.
/// </summary>
internal sealed class ConsumerLabels
{
    public const int Limit = 100;
    public const string Anonymous = "-";
    public const string Other = "other";

    private readonly ConcurrentDictionary<string, string> _named = new(StringComparer.Ordinal);

    public string For(string? consumer)
    {
        if (consumer is null)
        {
            return Anonymous;
        }

        if (_named.TryGetValue(consumer, out var label))
        {
            return label;
        }

        return _named.Count < Limit ? _named.GetOrAdd(consumer, consumer) : Other;
    }
}
