using System.Collections.Immutable;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;

namespace Mesh.Silo.Tests.Catalog;

/// <summary>Small valid specs for grain tests.</summary>
internal static class Specs
{
    public static ServiceSpec Service => ServiceSpec.Default;

    public static RouteSpec RouteTo(string service, string? rateLimit = null) => new(
        new RouteMatch([], "/" + service + "/{**rest}", [], [], []),
        [new WeightedBackend(service, 100)],
        [],
        rateLimit,
        AuthMode.None,
        null,
        null,
        0);

    public static RateLimitPolicySpec RateLimit => new(100, 100, "clientIp", FailMode.Open);

    public static EndpointSpec Endpoint(int port, TimeSpan? ttl = null) =>
        new(new Uri($"http://127.0.0.1:{port}"), 1, "local", ImmutableSortedDictionary<string, string>.Empty, ttl);
}
