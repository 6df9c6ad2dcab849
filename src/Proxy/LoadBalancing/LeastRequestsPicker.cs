using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>The endpoint with the fewest requests in flight; ties go to a random one so no endpoint is favoured.</summary>
internal sealed class LeastRequestsPicker(EndpointLoad load) : IEndpointPicker
{
    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates)
    {
        var start = Random.Shared.Next(candidates.Count);
        var best = candidates[start];
        var bestLoad = load.InFlight(best);
        for (var i = 1; i < candidates.Count; i++)
        {
            var candidate = candidates[(start + i) % candidates.Count];
            var candidateLoad = load.InFlight(candidate);
            if (candidateLoad < bestLoad)
            {
                (best, bestLoad) = (candidate, candidateLoad);
            }
        }

        return best;
    }
}
