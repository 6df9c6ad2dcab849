using Mesh.Contracts.Services;

namespace Mesh.Contracts.Endpoints;

/// <summary>The parts of its service's spec an endpoint grain acts on by itself.</summary>
[GenerateSerializer, Immutable, Alias("mesh.endpoint-policy")]
public sealed record EndpointPolicy(
    [property: Id(0)] HealthCheckSpec HealthCheck,
    [property: Id(1)] int ConsecutiveFailures)
{
    public static EndpointPolicy From(ServiceSpec spec) => new(spec.HealthCheck, spec.OutlierDetection.ConsecutiveFailures);
}
