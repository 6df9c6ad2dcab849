namespace Mesh.Contracts.Services;

/// <summary>How proxies talk to a service: load balancing, timeouts, retries, health and resilience.</summary>
[GenerateSerializer, Immutable, Alias("mesh.service-spec")]
public sealed record ServiceSpec(
    [property: Id(0)] LoadBalancingPolicy LoadBalancing,
    [property: Id(1)] TimeSpan Timeout,
    [property: Id(2)] RetrySpec Retry,
    [property: Id(3)] HealthCheckSpec HealthCheck,
    [property: Id(4)] OutlierDetectionSpec OutlierDetection,
    [property: Id(5)] CircuitBreakerSpec CircuitBreaker)
{
    /// <summary>Absent from specs stored before it existed, which read as the default, HTTP/1.1.</summary>
    [Id(6)]
    public ServiceProtocol Protocol { get; init; } = ServiceProtocol.Http1;

    public static ServiceSpec Default { get; } = new(
        LoadBalancingPolicy.PowerOfTwoChoices,
        TimeSpan.FromSeconds(30),
        RetrySpec.Default,
        HealthCheckSpec.Default,
        OutlierDetectionSpec.Default,
        CircuitBreakerSpec.Default);
}
