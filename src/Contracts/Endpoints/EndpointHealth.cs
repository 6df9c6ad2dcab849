namespace Mesh.Contracts.Endpoints;

[GenerateSerializer, Alias("mesh.endpoint-health")]
public enum EndpointHealth
{
    Unknown,
    Healthy,
    Unhealthy,
    Ejected,
    Draining,
}
