using System.Text.Json.Serialization;

namespace Mesh.Contracts.Endpoints;

/// <summary>An endpoint's registration and its live state as the endpoint grain sees it.</summary>
/// <param name="Registration">Identifies one registration, so a late report about an older one is ignored.</param>
/// <param name="Revision">Grows with every change the endpoint grain makes, so a report that arrives late never overwrites a newer one.</param>
/// <param name="LastProbe">The latest health check; in a snapshot, the one that made the endpoint's health what it is.</param>
[GenerateSerializer, Immutable, Alias("mesh.endpoint-status")]
public sealed record EndpointStatus(
    [property: Id(0)] string Service,
    [property: Id(1)] string Id,
    [property: Id(2)] EndpointSpec Spec,
    [property: Id(3)] EndpointHealth Health,
    [property: Id(4)] DateTimeOffset? LastHeartbeat,
    [property: Id(5)] DateTimeOffset? EjectedUntil,
    [property: Id(6)] Guid Registration,
    [property: Id(7)] long Revision,
    [property: Id(8)] ProbeResult? LastProbe = null)
{
    /// <summary>Whether proxies may send new requests to it. Endpoints never probed count as available.</summary>
    [JsonIgnore]
    public bool IsAvailable => Health is EndpointHealth.Unknown or EndpointHealth.Healthy;
}
