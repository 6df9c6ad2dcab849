namespace Mesh.Proxy.Routing;

/// <summary>One YARP cluster per service.</summary>
internal static class ClusterIds
{
    private const string Prefix = "service/";

    public static string For(string service) => Prefix + service;

    public static string ServiceOf(string clusterId) => clusterId.StartsWith(Prefix, StringComparison.Ordinal) ? clusterId[Prefix.Length..] : clusterId;
}
