using System.Collections.Immutable;

namespace Mesh.Contracts.Configuration;

/// <summary>One resource a commit creates, updates or deletes; <see cref="Fields"/> names what changed (<c>backends[0].weight</c>).</summary>
[GenerateSerializer, Immutable, Alias("mesh.resource-change-summary")]
public sealed record ResourceChangeSummary(
    [property: Id(0)] ResourceKey Key,
    [property: Id(1)] ChangeKind Change,
    [property: Id(2)] ImmutableArray<string> Fields);
