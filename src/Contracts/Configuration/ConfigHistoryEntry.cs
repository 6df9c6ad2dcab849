using System.Collections.Immutable;

namespace Mesh.Contracts.Configuration;

/// <summary>
/// One committed configuration version with each resource's document before and after it (null: absent), so
/// any retained version can be rebuilt from the current one by undoing the entries after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.config-history-entry")]
public sealed record ConfigHistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ChangeSource Source,
    [property: Id(3)] ImmutableArray<HistoryChange> Changes);

[GenerateSerializer, Immutable, Alias("mesh.history-change")]
public sealed record HistoryChange(
    [property: Id(0)] ResourceKey Key,
    [property: Id(1)] string? Before,
    [property: Id(2)] string? After);
