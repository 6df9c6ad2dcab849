using System.Collections.Immutable;

namespace Mesh.Contracts.Services;

/// <summary>Retries per upstream request; <see cref="BudgetPercent"/> caps retries as a share of requests.</summary>
[GenerateSerializer, Immutable, Alias("mesh.retry-spec")]
public sealed record RetrySpec(
    [property: Id(0)] int Attempts,
    [property: Id(1)] ImmutableArray<int> On,
    [property: Id(2)] int BudgetPercent)
{
    public static RetrySpec Default { get; } = new(2, [502, 503, 504], 20);
}
