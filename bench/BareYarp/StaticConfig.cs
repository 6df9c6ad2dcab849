using Yarp.ReverseProxy.Configuration;

namespace Mesh.Bench.BareYarp;

/// <summary>One route, <c>/{**catch-all}</c>, to one cluster with one destination: YARP's defaults otherwise.</summary>
internal static class StaticConfig
{
    private const string ClusterId = "backend";

    public static RouteConfig Route { get; } = new()
    {
        RouteId = "all",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "/{**catch-all}" },
    };

    public static ClusterConfig Cluster(string destination, bool http2) => new()
    {
        ClusterId = ClusterId,
        HttpRequest = http2 ? new() { Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact } : null,
        Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
        {
            ["backend-1"] = new() { Address = destination },
        },
    };
}
