using System.Collections.Immutable;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Consumers;

/// <summary>Maps between <see cref="ConsumerDocument"/> and <see cref="ConsumerSpec"/>.</summary>
public static class ConsumerDocuments
{
    public const int MaxGroups = 32;

    public static ConsumerSpec Parse(ConsumerDocument document, ValidationErrors errors)
    {
        if (document.RateLimit is not null && !ResourceNames.IsValidName(document.RateLimit))
        {
            errors.Add("rateLimit", ResourceNames.NameRule);
        }

        var groups = document.Groups ?? [];
        if (groups.Count > MaxGroups)
        {
            errors.Add("groups", $"must hold at most {MaxGroups} groups");
        }

        for (var i = 0; i < groups.Count; i++)
        {
            if (!IsGroup(groups[i]))
            {
                errors.Add(FieldPath.Index("groups", i), GroupRule);
            }
        }

        var metadata = document.Metadata ?? new Dictionary<string, string>();
        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrWhiteSpace(key) || value is null)
            {
                errors.Add(FieldPath.Member("metadata", key ?? string.Empty), "keys must be non-empty and values strings");
            }
        }

        return new ConsumerSpec(
            [.. groups.Where(IsGroup).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            document.RateLimit,
            metadata.Where(m => !string.IsNullOrWhiteSpace(m.Key) && m.Value is not null).ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    public static ConsumerDocument From(string id, ConsumerSpec spec) => new()
    {
        Id = id,
        Groups = spec.Groups,
        RateLimit = spec.RateLimit,
        Metadata = spec.Metadata,
    };

    /// <summary>Group names travel comma-separated in <c>x-mesh-consumer-groups</c>: no commas, no spaces.</summary>
    public const string GroupRule = "must be 1-64 letters, digits, '.', '_', ':', '/' or '-'";

    public static bool IsGroup(string? group) =>
        group is { Length: > 0 and <= 64 } && group.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-');
}
