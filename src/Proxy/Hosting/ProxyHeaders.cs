namespace Mesh.Proxy.Hosting;

internal static class ProxyHeaders
{
    /// <summary>On every response: which proxy answered.</summary>
    public const string Proxy = "x-mesh-proxy";

    /// <summary>On mirrored copies, so the shadow service can tell them apart.</summary>
    public const string Mirror = "x-mesh-mirror";
}
