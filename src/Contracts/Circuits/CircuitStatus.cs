namespace Mesh.Contracts.Circuits;

/// <summary>One service's circuit, the same for every proxy. <see cref="RetryAt"/>: when an open circuit goes half-open.</summary>
[GenerateSerializer, Immutable, Alias("mesh.circuit-status")]
public sealed record CircuitStatus(
    [property: Id(0)] string Service,
    [property: Id(1)] CircuitState State,
    [property: Id(2)] double FailureRatio,
    [property: Id(3)] int Requests,
    [property: Id(4)] DateTimeOffset? OpenedAt,
    [property: Id(5)] DateTimeOffset Since,
    [property: Id(6)] DateTimeOffset? RetryAt);
