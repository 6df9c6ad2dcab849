using System.Collections.Immutable;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;

namespace Mesh.Proxy.Tests.Catalog;

/// <summary>Builds catalog snapshots for translator and forwarder tests.</summary>
internal static class Snapshots
{
    public static EndpointStatus Endpoint(string service, string id, int port, EndpointHealth health = EndpointHealth.Unknown) =>
        new(service, id, new EndpointSpec(new Uri($"http://127.0.0.1:{port}"), 1, "local", ImmutableSortedDictionary<string, string>.Empty, null), health, null, null, Guid.NewGuid(), 1);

    public static ServiceEntry Service(params EndpointStatus[] endpoints) =>
        new(ServiceSpec.Default, endpoints.ToImmutableSortedDictionary(e => e.Id, e => e, StringComparer.Ordinal));

    public static RouteSpec Route(RouteMatch match, params WeightedBackend[] backends) =>
        new(match, [.. backends], [], null, AuthMode.None, null, null, 0);

    public static CatalogSnapshot Of(
        long version,
        IEnumerable<(string Name, ServiceEntry Entry)> services,
        IEnumerable<(string Id, RouteSpec Spec)> routes) =>
        new(
            version,
            services.ToImmutableSortedDictionary(s => s.Name, s => s.Entry, StringComparer.Ordinal),
            routes.ToImmutableSortedDictionary(r => r.Id, r => r.Spec, StringComparer.Ordinal),
            ImmutableSortedDictionary<string, RateLimitPolicySpec>.Empty,
            ImmutableSortedDictionary<string, AuthzPolicySpec>.Empty,
            ImmutableSortedSet<string>.Empty);
}
