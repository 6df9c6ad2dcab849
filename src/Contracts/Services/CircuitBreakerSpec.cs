namespace Mesh.Contracts.Services;

[GenerateSerializer, Immutable, Alias("mesh.circuit-breaker-spec")]
public sealed record CircuitBreakerSpec(
    [property: Id(0)] double FailureRatio,
    [property: Id(1)] int MinimumThroughput,
    [property: Id(2)] TimeSpan Window,
    [property: Id(3)] TimeSpan BreakDuration,
    [property: Id(4)] int HalfOpenProbes)
{
    public static CircuitBreakerSpec Default { get; } =
        new(0.5, 20, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), 3);
}
