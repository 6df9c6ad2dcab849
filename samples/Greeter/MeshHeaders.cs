namespace Mesh.Samples.Greeter;

/// <summary>Headers the local sidecar adds to the requests it forwards to this app.</summary>
internal static class MeshHeaders
{
    /// <summary>The verified identity of the calling service, e.g. <c>spiffe://mesh.local/service/edge</c>.</summary>
    public const string Caller = "x-mesh-caller";
}
