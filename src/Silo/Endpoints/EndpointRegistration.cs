using Mesh.Contracts.Endpoints;

namespace Mesh.Silo.Endpoints;

/// <summary>What survives a silo loss. Heartbeats are soft state: a reactivated endpoint gets a full TTL of grace.</summary>
[GenerateSerializer, Alias("mesh.endpoint-registration")]
internal sealed class EndpointRegistration
{
    [Id(0)]
    public EndpointSpec? Spec { get; set; }

    [Id(1)]
    public Guid Id { get; set; }

    [Id(2)]
    public bool Draining { get; set; }

    /// <summary>How to probe it and when to report it failing, from its service's spec.</summary>
    [Id(3)]
    public EndpointPolicy? Policy { get; set; }
}
