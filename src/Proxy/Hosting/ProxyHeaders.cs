namespace Mesh.Proxy.Hosting;

internal static class ProxyHeaders
{
    /// <summary>On every response: which proxy answered.</summary>
    public const string Proxy = "x-mesh-proxy";

    /// <summary>On requests shed because the service's circuit is open.</summary>
    public const string Circuit = "x-mesh-circuit";

    /// <summary>On mirrored copies, so the shadow service can tell them apart.</summary>
    public const string Mirror = "x-mesh-mirror";
}
