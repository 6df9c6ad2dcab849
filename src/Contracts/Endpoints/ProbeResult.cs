namespace Mesh.Contracts.Endpoints;

/// <summary>One health check of an endpoint and what it found, e.g. <c>GET /healthz → 404</c>.</summary>
[GenerateSerializer, Immutable, Alias("mesh.probe-result")]
public sealed record ProbeResult(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string Result);
