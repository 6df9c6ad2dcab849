using Mesh.Contracts.Routes;
using Mesh.Proxy.Routing;
using Mesh.Proxy.Sidecar;
using Mesh.Proxy.Tests.Catalog;
using RouteMatch = Mesh.Contracts.Routes.RouteMatch;

namespace Mesh.Proxy.Tests.Sidecar;

public sealed class OutboundRoutesTests
{
    [Fact]
    public void Replace_GivesEveryServiceAHostRouteAndAPrefixRoute_AndDropsTheEdgeRoutes()
    {
        var edgeRoute = Snapshots.Route(new RouteMatch([], "/shop/{**rest}", [], [], []), new WeightedBackend("orders", 100));
        var snapshot = Snapshots.Of(7, [("orders", Snapshots.Service()), ("inventory", Snapshots.Service())], [("shop", edgeRoute)]);

        var (routes, _) = YarpConfigTranslator.Translate(OutboundRoutes.Replace(snapshot));

        Assert.Equal(4, routes.Count);
        Assert.DoesNotContain(routes, r => r.RouteId == "shop");
        var host = Assert.Single(routes, r => r.Match.Hosts?.SequenceEqual(["inventory"]) == true);
        Assert.Equal((ClusterIds.For("inventory"), YarpConfigTranslator.CatchAll), (host.ClusterId, host.Match.Path));
        var path = Assert.Single(routes, r => r.Match.Path == "/inventory/{**rest}");
        Assert.Equal(ClusterIds.For("inventory"), path.ClusterId);
        Assert.Equal("/inventory", Assert.Single(path.Transforms!)["PathRemovePrefix"]);
        Assert.True(host.Order < path.Order, "a Host: header names the service even when the path starts with another's name");
    }

    [Fact]
    public void Replace_IsStable_SoASavedSidecarSnapshotLoadsTheSame()
    {
        var snapshot = Snapshots.Of(3, [("orders", Snapshots.Service())], []);

        var once = OutboundRoutes.Replace(snapshot);
        var twice = OutboundRoutes.Replace(once);

        Assert.Equal(YarpConfigTranslator.Translate(once).Routes, YarpConfigTranslator.Translate(twice).Routes);
        Assert.Equal(snapshot.Version, once.Version);
    }
}
