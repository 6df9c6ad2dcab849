using System.Collections.Immutable;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.Tests.Catalog;

public sealed class RoutePlanTests
{
    private static readonly RouteMatch AnyPath = new([], "/{**rest}", [], [], []);

    [Fact]
    public void Plan_ResolvesEachServiceOfTheRouteAndItsPolicy_FromTheSameSnapshot()
    {
        var orders = ServiceSpec.Default with { Timeout = TimeSpan.FromSeconds(3), Protocol = ServiceProtocol.Grpc };
        var shadow = ServiceSpec.Default with { Timeout = TimeSpan.FromSeconds(9) };
        var policy = new RateLimitPolicySpec(10, 5, "global", FailMode.Open);
        var route = Snapshots.Route(AnyPath, new WeightedBackend("orders", 1), new WeightedBackend("gone", 1)) with
        {
            Mirror = new MirrorSpec("shadow", 10),
            RateLimit = "gentle",
        };
        var snapshot = Snapshots.Of(7, [("orders", Snapshots.Service() with { Spec = orders }), ("shadow", Snapshots.Service() with { Spec = shadow })], [("r", route)])
            with { RateLimits = ImmutableSortedDictionary<string, RateLimitPolicySpec>.Empty.Add("gentle", policy) };

        var plan = new ProxyView(snapshot).Routes["r"];

        Assert.Same(route, plan.Spec);
        Assert.Equal(("gentle", policy), plan.RateLimit);
        Assert.Same(orders, plan.SpecOf("orders"));
        Assert.Same(shadow, plan.SpecOf("shadow"));
        Assert.Same(ServiceSpec.Default, plan.SpecOf("gone"));
    }

    [Fact]
    public void Plan_OfARouteWithoutAPolicy_OrWithOneTheSnapshotLacks_HasNoRateLimit()
    {
        var plain = Snapshots.Route(AnyPath, new WeightedBackend("a", 1));
        var dangling = plain with { RateLimit = "missing" };

        var routes = new ProxyView(Snapshots.Of(1, [], [("plain", plain), ("dangling", dangling)])).Routes;

        Assert.Null(routes["plain"].RateLimit);
        Assert.Null(routes["dangling"].RateLimit);
        Assert.Equal(["dangling", "plain"], routes.Keys.Order(StringComparer.Ordinal));
    }
}
