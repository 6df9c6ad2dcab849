using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Routes;
using Mesh.Proxy.Routing;
using Mesh.Proxy.Tests.Catalog;
using Yarp.ReverseProxy.Configuration;
using HeaderMatchMode = Mesh.Contracts.Routes.HeaderMatchMode;
using RouteMatch = Mesh.Contracts.Routes.RouteMatch;

namespace Mesh.Proxy.Tests.Routing;

public sealed class YarpConfigTranslatorTests
{
    [Fact]
    public void Translate_OnlyAvailableEndpointsBecomeDestinations()
    {
        var snapshot = Snapshots.Of(
            1,
            [("orders", Snapshots.Service(
                Snapshots.Endpoint("orders", "unknown", 7001),
                Snapshots.Endpoint("orders", "healthy", 7002, EndpointHealth.Healthy),
                Snapshots.Endpoint("orders", "draining", 7003, EndpointHealth.Draining),
                Snapshots.Endpoint("orders", "unhealthy", 7004, EndpointHealth.Unhealthy),
                Snapshots.Endpoint("orders", "ejected", 7005, EndpointHealth.Ejected)))],
            []);

        var (_, clusters) = YarpConfigTranslator.Translate(snapshot);

        var cluster = Assert.Single(clusters);
        Assert.Equal(ClusterIds.For("orders"), cluster.ClusterId);
        Assert.Equal(["healthy", "unknown"], cluster.Destinations!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http://127.0.0.1:7002/", cluster.Destinations["healthy"].Address);
    }

    [Fact]
    public void Translate_GivesServicesWithSidecarEndpointsAMutualTlsClient_EvenWhileNoneIsAvailable()
    {
        var sidecar = Snapshots.Endpoint("orders", "orders-1", 15006, EndpointHealth.Unhealthy);
        sidecar = sidecar with { Spec = sidecar.Spec with { Metadata = sidecar.Spec.Metadata.Add(EndpointMetadata.Sidecar, "orders-1") } };
        var snapshot = Snapshots.Of(1, [("orders", Snapshots.Service(sidecar)), ("legacy", Snapshots.Service(Snapshots.Endpoint("legacy", "l1", 7001)))], []);

        var (_, clusters) = YarpConfigTranslator.Translate(snapshot);

        Assert.True(YarpConfigTranslator.IsMutualTls(clusters.Single(c => c.ClusterId == ClusterIds.For("orders")).Metadata));
        Assert.False(YarpConfigTranslator.IsMutualTls(clusters.Single(c => c.ClusterId == ClusterIds.For("legacy")).Metadata));
    }

    [Fact]
    public void Translate_MapsEveryMatchKindOrderAndTransform()
    {
        var match = new RouteMatch(
            ["api.example.com"],
            "/orders/{**rest}",
            ["GET", "POST"],
            [new HeaderMatch("x-canary", ["1"], HeaderMatchMode.Exact), new HeaderMatch("x-tenant", ["a"], HeaderMatchMode.Prefix), new HeaderMatch("x-debug", [], HeaderMatchMode.Exists)],
            [new HeaderMatch("v", ["2"], HeaderMatchMode.Exact), new HeaderMatch("beta", [], HeaderMatchMode.Exists)]);
        var route = Snapshots.Route(match, new WeightedBackend("orders", 90), new WeightedBackend("orders-v2", 10)) with
        {
            Order = -3,
            Transforms =
            [
                new TransformSpec(TransformKind.PathRemovePrefix, "/orders", null),
                new TransformSpec(TransformKind.RequestHeaderSet, "x-from", "edge"),
                new TransformSpec(TransformKind.ResponseHeaderRemove, "server", null),
            ],
        };

        var (routes, _) = YarpConfigTranslator.Translate(Snapshots.Of(1, [], [("orders", route)]));

        var translated = Assert.Single(routes);
        Assert.Equal("orders", translated.RouteId);
        Assert.Equal(-3, translated.Order);
        Assert.Equal(ClusterIds.For("orders"), translated.ClusterId);
        Assert.Equal("/orders/{**rest}", translated.Match.Path);
        Assert.Equal(["api.example.com"], translated.Match.Hosts!);
        Assert.Equal(["GET", "POST"], translated.Match.Methods!);
        Assert.Equal(
            [Yarp.ReverseProxy.Configuration.HeaderMatchMode.ExactHeader, Yarp.ReverseProxy.Configuration.HeaderMatchMode.HeaderPrefix, Yarp.ReverseProxy.Configuration.HeaderMatchMode.Exists],
            translated.Match.Headers!.Select(h => h.Mode));
        Assert.Null(translated.Match.Headers![2].Values);
        Assert.Equal([QueryParameterMatchMode.Exact, QueryParameterMatchMode.Exists], translated.Match.QueryParameters!.Select(q => q.Mode));
        Assert.Equal("/orders", translated.Transforms![0]["PathRemovePrefix"]);
        Assert.Equal("edge", translated.Transforms![1]["Set"]);
        Assert.Equal("server", translated.Transforms![2]["ResponseHeaderRemove"]);
    }

    [Fact]
    public void Translate_ARouteWithoutPath_MatchesEveryPathOfItsHosts()
    {
        var route = Snapshots.Route(new RouteMatch(["a.example.com"], null, [], [], []), new WeightedBackend("a", 100));

        var (routes, _) = YarpConfigTranslator.Translate(Snapshots.Of(1, [], [("a", route)]));

        Assert.Equal(YarpConfigTranslator.CatchAll, Assert.Single(routes).Match.Path);
        Assert.Null(routes[0].Match.Methods);
        Assert.Null(routes[0].Match.Headers);
    }
}
