namespace Mesh.Contracts.Routes;

/// <summary>
/// Faults a route injects: a share of requests answered at once with <see cref="AbortStatus"/>, a share held for
/// <see cref="Delay"/> first (independently, as Istio does). With <see cref="OnlyWithHeader"/> only requests that carry
/// that header are eligible, so a test can fault its own traffic on a live route.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.fault-spec")]
public sealed record FaultSpec(
    [property: Id(0)] double AbortPercent,
    [property: Id(1)] int AbortStatus,
    [property: Id(2)] double DelayPercent,
    [property: Id(3)] TimeSpan Delay,
    [property: Id(4)] string? OnlyWithHeader);
