using System.Collections.Immutable;

namespace Mesh.Contracts.Validation;

/// <summary>Collects every bad field of a document, keyed by its JSON path (<c>backends[1].weight</c>).</summary>
public sealed class ValidationErrors
{
    private readonly SortedDictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors.Add(field, messages);
        }

        messages.Add(message);
    }

    /// <summary>Every error of <paramref name="nested"/>, each field under <paramref name="prefix"/> (<c>routes.orders</c>).</summary>
    public void AddAll(string prefix, ValidationErrors nested)
    {
        foreach (var (field, messages) in nested._errors)
        {
            foreach (var message in messages)
            {
                Add(FieldPath.Member(prefix, field), message);
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ImmutableArray<string>> ToImmutable() =>
        _errors.ToImmutableSortedDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal);
}
