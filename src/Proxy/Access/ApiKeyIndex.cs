using System.Collections.Frozen;
using Mesh.Contracts.Consumers;

namespace Mesh.Proxy.Access;

/// <summary>
/// The API keys of one snapshot by their public prefix. A presented key costs one dictionary lookup and one salted
/// SHA-256 per candidate (nearly always one), compared in constant time: the edge never holds a key, only hashes.
/// </summary>
internal sealed class ApiKeyIndex
{
    private readonly FrozenDictionary<string, Entry[]> _byPrefix;
    private readonly FrozenDictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ApiKeyIndex(IEnumerable<ApiKeyHash> keys, IReadOnlyDictionary<string, EdgeCaller> consumers)
    {
        _byPrefix = keys
            .Where(k => consumers.ContainsKey(k.Consumer))
            .GroupBy(k => k.Prefix, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.Select(k => new Entry(Convert.FromBase64String(k.Salt), Convert.FromBase64String(k.Hash), consumers[k.Consumer])).ToArray(),
                StringComparer.Ordinal);
        _bySpan = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ApiKeyIndex Empty { get; } = new([], new Dictionary<string, EdgeCaller>());

    public EdgeCaller? Find(string key)
    {
        if (key.Length <= ApiKeys.PrefixLength || !_bySpan.TryGetValue(key.AsSpan(0, ApiKeys.PrefixLength), out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (ApiKeys.Matches(candidate.Salt, candidate.Hash, key))
            {
                return candidate.Caller;
            }
        }

        return null;
    }

    private sealed record Entry(byte[] Salt, byte[] Hash, EdgeCaller Caller);
}
