namespace Mesh.Contracts.Proxies;

/// <summary>
/// What a proxy tells the control plane about itself: the snapshot version it serves and the configuration version
/// in it. <see cref="LastError"/> names a snapshot it could not apply. <see cref="Identity"/>: the service name its
/// mesh certificate speaks for (a sidecar's service, an edge's <c>Mesh:Proxy:Identity</c>), as callers appear in the
/// call graph.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.proxy-report")]
public sealed record ProxyReport(
    [property: Id(0)] string Id,
    [property: Id(1)] ProxyMode Mode,
    [property: Id(2)] string Address,
    [property: Id(3)] long AppliedVersion,
    [property: Id(4)] string? LastError,
    [property: Id(5)] long AppliedConfigVersion = 0,
    [property: Id(6)] string? Identity = null);
