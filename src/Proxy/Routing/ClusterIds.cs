namespace Mesh.Proxy.Routing;

/// <summary>One YARP cluster per service.</summary>
internal static class ClusterIds
{
    public static string For(string service) => "service/" + service;
}
