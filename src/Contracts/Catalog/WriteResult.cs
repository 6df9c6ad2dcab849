using System.Collections.Immutable;

namespace Mesh.Contracts.Catalog;

/// <summary>The answer to a catalog write. <see cref="Errors"/> maps each refused field to its reasons.</summary>
[GenerateSerializer, Immutable, Alias("mesh.write-result")]
public sealed record WriteResult(
    [property: Id(0)] WriteOutcome Outcome,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableSortedDictionary<string, ImmutableArray<string>> Errors)
{
    public static WriteResult Applied(long version) =>
        new(WriteOutcome.Applied, version, ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty);

    public static WriteResult NotFound(long version) =>
        new(WriteOutcome.NotFound, version, ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty);

    public static WriteResult Refused(WriteOutcome outcome, long version, string field, string message) =>
        new(outcome, version, ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.Add(field, [message]));

    public static WriteResult Refused(WriteOutcome outcome, long version, Validation.ValidationErrors errors) =>
        new(outcome, version, errors.ToImmutable());
}
