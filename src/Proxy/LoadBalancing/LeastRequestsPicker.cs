using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>
/// The endpoint with the fewest requests in flight for its weight (a weight-3 endpoint carries three times
/// the load of a weight-1 one); ties go to a random one so no endpoint is favoured.
/// </summary>
internal sealed class LeastRequestsPicker(EndpointLoad load) : IEndpointPicker
{
    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates)
    {
        var weighted = EndpointWeights.AreUneven(candidates, out _);
        var start = Random.Shared.Next(candidates.Count);
        var best = candidates[start];
        var bestLoad = Load(best, weighted);
        for (var i = 1; i < candidates.Count; i++)
        {
            var candidate = candidates[(start + i) % candidates.Count];
            var candidateLoad = Load(candidate, weighted);
            if (candidateLoad < bestLoad)
            {
                (best, bestLoad) = (candidate, candidateLoad);
            }
        }

        return best;
    }

    /// <summary>In flight per unit of weight, counting the request about to be sent; weight 0 is never less loaded.</summary>
    private double Load(DestinationState destination, bool weighted)
    {
        if (!weighted)
        {
            return load.InFlight(destination);
        }

        var weight = EndpointWeights.Of(destination);
        return weight == 0 ? double.PositiveInfinity : (load.InFlight(destination) + 1) / (double)weight;
    }
}
