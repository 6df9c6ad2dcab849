using System.Globalization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Routes;
using Mesh.Proxy.Catalog;
using Yarp.ReverseProxy.Configuration;
using HeaderMode = Yarp.ReverseProxy.Configuration.HeaderMatchMode;
using YarpRouteMatch = Yarp.ReverseProxy.Configuration.RouteMatch;

namespace Mesh.Proxy.Routing;

/// <summary>
/// The one place that maps a catalog snapshot to YARP routes and clusters. Only endpoints that may take
/// new requests (not unhealthy, ejected or draining) become destinations.
/// </summary>
internal static class YarpConfigTranslator
{
    public const string CatchAll = "/{**catch-all}";
    public const string ZoneMetadata = "mesh.zone";
    public const string WeightMetadata = "mesh.weight";

    /// <summary>On clusters of services with sidecar endpoints: their HTTP client speaks mTLS.</summary>
    public const string MutualTlsMetadata = "mesh.mtls";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Translate(CatalogSnapshot snapshot)
    {
        var clusters = snapshot.Services.Select(s => new ClusterConfig
        {
            ClusterId = ClusterIds.For(s.Key),
            Metadata = s.Value.HasSidecarEndpoints()
                ? new Dictionary<string, string> { [MutualTlsMetadata] = "true" }
                : null,
            Destinations = s.Value.Endpoints.Values
                .Where(e => e.IsAvailable)
                .ToDictionary(
                    e => e.Id,
                    e => new DestinationConfig
                    {
                        Address = e.Spec.Address.AbsoluteUri,
                        Metadata = new Dictionary<string, string>
                        {
                            [ZoneMetadata] = e.Spec.Zone,
                            [WeightMetadata] = e.Spec.Weight.ToString(CultureInfo.InvariantCulture),
                        },
                    },
                    StringComparer.Ordinal),
        }).ToList();

        var routes = snapshot.Routes.Select(r => Route(r.Key, r.Value)).ToList();
        return (routes, clusters);
    }

    public static bool IsMutualTls(IReadOnlyDictionary<string, string>? metadata) => metadata?.ContainsKey(MutualTlsMetadata) == true;

    private static RouteConfig Route(string id, RouteSpec spec) => new()
    {
        RouteId = id,
        Order = spec.Order,
        ClusterId = ClusterIds.For(spec.Backends[0].Service),
        Match = new YarpRouteMatch
        {
            Path = spec.Match.Path ?? CatchAll,
            Hosts = spec.Match.Hosts.IsEmpty ? null : spec.Match.Hosts,
            Methods = spec.Match.Methods.IsEmpty ? null : spec.Match.Methods,
            Headers = spec.Match.Headers.IsEmpty ? null : spec.Match.Headers.Select(Header).ToList(),
            QueryParameters = spec.Match.Query.IsEmpty ? null : spec.Match.Query.Select(Query).ToList(),
        },
        Transforms = spec.Transforms.IsEmpty ? null : spec.Transforms.Select(Transform).ToList(),

        // The edge answers a CORS route's preflights itself (Access); "disable" keeps ASP.NET's CORS out of it and
        // lets a preflight match a route whose methods leave out OPTIONS.
        CorsPolicy = spec.Cors is null ? null : "disable",
    };

    private static RouteHeader Header(HeaderMatch match) => new()
    {
        Name = match.Name,
        Values = match.Values.IsEmpty ? null : match.Values,
        Mode = match.Mode switch
        {
            Contracts.Routes.HeaderMatchMode.Prefix => HeaderMode.HeaderPrefix,
            Contracts.Routes.HeaderMatchMode.Exists => HeaderMode.Exists,
            _ => HeaderMode.ExactHeader,
        },
    };

    private static RouteQueryParameter Query(HeaderMatch match) => new()
    {
        Name = match.Name,
        Values = match.Values.IsEmpty ? null : match.Values,
        Mode = match.Mode switch
        {
            Contracts.Routes.HeaderMatchMode.Prefix => QueryParameterMatchMode.Prefix,
            Contracts.Routes.HeaderMatchMode.Exists => QueryParameterMatchMode.Exists,
            _ => QueryParameterMatchMode.Exact,
        },
    };

    private static Dictionary<string, string> Transform(TransformSpec transform) => transform.Kind switch
    {
        TransformKind.PathRemovePrefix => new() { ["PathRemovePrefix"] = transform.Name },
        TransformKind.PathPrefix => new() { ["PathPrefix"] = transform.Name },
        TransformKind.PathPattern => new() { ["PathPattern"] = transform.Name },
        TransformKind.QueryParameterSet => new() { ["QueryValueParameter"] = transform.Name, ["Set"] = transform.Value ?? string.Empty },
        TransformKind.QueryParameterRemove => new() { ["QueryRemoveParameter"] = transform.Name },
        TransformKind.RequestHeaderSet => new() { ["RequestHeader"] = transform.Name, ["Set"] = transform.Value ?? string.Empty },
        TransformKind.RequestHeaderRemove => new() { ["RequestHeaderRemove"] = transform.Name },
        TransformKind.ResponseHeaderSet => new() { ["ResponseHeader"] = transform.Name, ["Set"] = transform.Value ?? string.Empty, ["When"] = "Always" },
        TransformKind.ResponseHeaderRemove => new() { ["ResponseHeaderRemove"] = transform.Name, ["When"] = "Always" },
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform.Kind, "unknown transform kind"),
    };
}
