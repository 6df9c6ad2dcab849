using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;

namespace Mesh.Proxy.Catalog;

internal static class SidecarEndpoints
{
    /// <summary>Whether a sidecar registered any endpoint of the service (available or not): calls to it are mTLS.</summary>
    public static bool HasSidecarEndpoints(this ServiceEntry service) =>
        service.Endpoints.Values.Any(e => e.Spec.Metadata.ContainsKey(EndpointMetadata.Sidecar));
}
