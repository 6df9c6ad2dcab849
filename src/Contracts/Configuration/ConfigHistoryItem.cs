namespace Mesh.Contracts.Configuration;

/// <summary>One configuration version: when, how, and how many resources it changed.</summary>
[GenerateSerializer, Immutable, Alias("mesh.config-history-item")]
public sealed record ConfigHistoryItem(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ChangeSource Source,
    [property: Id(3)] int Changes);
