namespace Mesh.Contracts.Proxies;

[GenerateSerializer, Immutable, Alias("mesh.proxy-status")]
public sealed record ProxyStatus(
    [property: Id(0)] ProxyReport Report,
    [property: Id(1)] DateTimeOffset LastSeen);
