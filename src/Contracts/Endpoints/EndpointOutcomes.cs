namespace Mesh.Contracts.Endpoints;

/// <summary>
/// What one proxy saw of one endpoint since its last report. <see cref="TrailingFailures"/> counts the
/// failures after the last success, so the endpoint grain can keep a consecutive count across proxies.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.endpoint-outcomes")]
public sealed record EndpointOutcomes(
    [property: Id(0)] int Successes,
    [property: Id(1)] int Failures,
    [property: Id(2)] int TrailingFailures);
