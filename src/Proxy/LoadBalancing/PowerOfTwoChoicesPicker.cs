using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>Two endpoints at random, the less loaded wins: near least-requests balance without scanning all.</summary>
internal sealed class PowerOfTwoChoicesPicker(EndpointLoad load) : IEndpointPicker
{
    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
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
