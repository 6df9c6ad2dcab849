using System.Collections.Immutable;
using Mesh.Contracts.Catalog;

namespace Mesh.Contracts.Configuration;

/// <summary>
/// The answer to a commit: applied (or, for a dry run, what would change), or refused with every bad field keyed
/// by its path. <see cref="Version"/> is the catalog version after the call.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.commit-result")]
public sealed record CommitResult(
    [property: Id(0)] WriteOutcome Outcome,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableSortedDictionary<string, ImmutableArray<string>> Errors,
    [property: Id(3)] ImmutableArray<ResourceChangeSummary> Changes)
{
    public WriteResult AsWriteResult() => new(Outcome, Version, Errors);
}
