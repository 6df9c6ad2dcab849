namespace Mesh.Contracts.Endpoints;

/// <summary>Endpoint metadata keys with a meaning to the mesh.</summary>
public static class EndpointMetadata
{
    /// <summary>
    /// Set by a sidecar on the endpoint it registers (value: the sidecar's id). Such an endpoint speaks mTLS
    /// with its service's SPIFFE identity, and its sidecar health-checks the app beside it and reports the
    /// results: the control plane could not probe through mTLS without an identity of its own.
    /// </summary>
    public const string Sidecar = "mesh.sidecar";
}
