using Mesh.Contracts.Routes;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.Routing;

/// <summary>
/// Picks a route's backend service by weight (YARP has no weights between clusters). A backend whose
/// service has no available endpoint is passed over for the others, so a canary without endpoints
/// never fails requests the stable version could serve; so is one whose circuit is open.
/// </summary>
internal sealed class BackendSelector(IProxyStateLookup state)
{
    /// <summary>A backend by weight among those with endpoints that <paramref name="usable"/> accepts.</summary>
    public (string Service, ClusterState Cluster)? Choose(RouteSpec route, Func<string, bool> usable)
    {
        var roll = Random.Shared.Next(RouteDocuments.TotalWeight);
        var cumulative = 0;
        foreach (var backend in route.Backends)
        {
            cumulative += backend.Weight;
            if (roll < cumulative && usable(backend.Service) && Available(backend.Service) is { } chosen)
            {
                return (backend.Service, chosen);
            }
        }

        foreach (var backend in route.Backends.Where(b => b.Weight > 0).Concat(route.Backends.Where(b => b.Weight == 0)))
        {
            if (usable(backend.Service) && Available(backend.Service) is { } fallback)
            {
                return (backend.Service, fallback);
            }
        }

        return null;
    }

    public ClusterState? Available(string service) =>
        state.TryGetCluster(ClusterIds.For(service), out var cluster) && cluster.DestinationsState.AvailableDestinations.Count > 0 ? cluster : null;
}
