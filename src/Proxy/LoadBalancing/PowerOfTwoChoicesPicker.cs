using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>
/// Two endpoints at random (in proportion to weight), the less loaded for its weight wins: near
/// least-requests balance without scanning all.
/// </summary>
internal sealed class PowerOfTwoChoicesPicker(EndpointLoad load) : IEndpointPicker
{
    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (EndpointWeights.AreUneven(candidates, out var total))
        {
            var a = EndpointWeights.At(candidates, Random.Shared.Next(total));
            var b = EndpointWeights.At(candidates, Random.Shared.Next(total));
            return (load.InFlight(b) + 1) * EndpointWeights.Of(a) < (load.InFlight(a) + 1) * EndpointWeights.Of(b) ? b : a;
        }

        var first = Random.Shared.Next(candidates.Count);
        var second = Random.Shared.Next(candidates.Count - 1);
        if (second >= first)
        {
            second++;
        }

        return load.InFlight(candidates[second]) < load.InFlight(candidates[first]) ? candidates[second] : candidates[first];
    }
}
