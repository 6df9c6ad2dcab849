using System.Collections.Immutable;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Routes;

namespace Mesh.Proxy.Sidecar;

/// <summary>
/// A sidecar's routes are not the edge's: its app calls any service of the catalog as <c>Host: {service}</c>
/// or <c>/{service}/…</c> (the prefix removed). Two routes per service, so the forwarder gives these calls
/// the same load balancing, timeouts, retries, outlier reports and circuit as edge routes.
/// </summary>
internal static class OutboundRoutes
{
    private const string HostRoutePrefix = "outbound/host/";
    private const string PathRoutePrefix = "outbound/path/";

    public static CatalogSnapshot Replace(CatalogSnapshot snapshot)
    {
        var routes = ImmutableSortedDictionary.CreateBuilder<string, RouteSpec>(StringComparer.Ordinal);
        foreach (var service in snapshot.Services.Keys)
        {
            // The host route wins over a path route whose first segment happens to name another service.
            routes[HostRoutePrefix + service] = Route(service, [service], null, [], order: -1);
            routes[PathRoutePrefix + service] = Route(service, [], $"/{service}/{{**rest}}", [new TransformSpec(TransformKind.PathRemovePrefix, "/" + service, null)], order: 0);
        }

        return snapshot with { Routes = routes.ToImmutable() };
    }

    private static RouteSpec Route(string service, ImmutableArray<string> hosts, string? path, ImmutableArray<TransformSpec> transforms, int order) => new(
        new RouteMatch(hosts, path, [], [], []),
        [new WeightedBackend(service, 100)],
        transforms,
        RateLimit: null,
        AuthMode.None,
        Timeout: null,
        Mirror: null,
        order);
}
