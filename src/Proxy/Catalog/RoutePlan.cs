using System.Collections.Frozen;
using System.Collections.Immutable;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Proxy.Access;
using Mesh.Proxy.Validation;

namespace Mesh.Proxy.Catalog;

/// <summary>
/// One route as the request path needs it, resolved once per snapshot: its spec, its rate-limit policy, and the spec
/// of each service it may send to. A request does one lookup for all of it, instead of one sorted-dictionary search per
/// fact, and everything it reads belongs to the same snapshot.
/// </summary>
internal sealed class RoutePlan
{
    private readonly ImmutableArray<(string Service, ServiceSpec Spec)> _services;

    private RoutePlan(RouteSpec spec, (string Name, RateLimitPolicySpec Spec)? rateLimit, ImmutableArray<(string Service, ServiceSpec Spec)> services, RouteAccess? access)
    {
        Spec = spec;
        RateLimit = rateLimit;
        _services = services;
        Access = access;
        Body = BodyValidator.For(spec);
    }

    public RouteSpec Spec { get; }

    /// <summary>Who may call and how they prove it; null for an open route without CORS, which then pays nothing.</summary>
    public RouteAccess? Access { get; }

    /// <summary>What request bodies must be, with the schema compiled; null for a route that validates nothing.</summary>
    public BodyValidator? Body { get; }

    /// <summary>The route's rate-limit policy by name, or null when it names none (or one the snapshot does not hold).</summary>
    public (string Name, RateLimitPolicySpec Spec)? RateLimit { get; }

    /// <summary>The spec of one of the route's backend or mirror services; the default for one the snapshot lacks.</summary>
    public ServiceSpec SpecOf(string service)
    {
        // A route has a handful of services: a scan beats hashing.
        foreach (var (name, spec) in _services)
        {
            if (string.Equals(name, service, StringComparison.Ordinal))
            {
                return spec;
            }
        }

        return ServiceSpec.Default;
    }

    public static FrozenDictionary<string, RoutePlan> For(CatalogSnapshot snapshot, CallerDirectory callers) =>
        snapshot.Routes.ToFrozenDictionary(r => r.Key, r => Create(r.Value, snapshot, callers), StringComparer.Ordinal);

    private static RoutePlan Create(RouteSpec route, CatalogSnapshot snapshot, CallerDirectory callers)
    {
        var services = route.ReferencedServices
            .Distinct(StringComparer.Ordinal)
            .Select(name => (name, snapshot.Services.TryGetValue(name, out var entry) ? entry.Spec : ServiceSpec.Default))
            .ToImmutableArray();
        (string, RateLimitPolicySpec)? rateLimit = route.RateLimit is { } name && snapshot.RateLimits.TryGetValue(name, out var policy) ? (name, policy) : null;
        return new RoutePlan(route, rateLimit, services, RouteAccess.For(route, callers));
    }
}
