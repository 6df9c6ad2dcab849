using Mesh.Contracts.Catalog;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.Admin;

/// <summary>
/// What keeps a proxy out of rotation (<c>/readyz</c>): no snapshot yet, or no mesh certificate while it needs one.
/// A sidecar needs one for every call it takes or makes. An edge needs one as soon as a service it routes to has
/// sidecar endpoints: without it every call there fails its mTLS handshake, so a load balancer must not send it
/// traffic yet (a restarted edge was seen answering 502 for its first seconds).
/// </summary>
internal static class ProxyReadiness
{
    public static string? Problem(long appliedVersion, CatalogSnapshot snapshot, bool isSidecar, bool hasCertificate) =>
        appliedVersion == 0 ? "no snapshot applied yet"
        : !hasCertificate && (isSidecar || snapshot.Services.Values.Any(s => s.HasSidecarEndpoints())) ? "no certificate yet"
        : null;
}
