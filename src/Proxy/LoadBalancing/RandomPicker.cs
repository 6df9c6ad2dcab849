using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>An endpoint at random, in proportion to its weight.</summary>
internal sealed class RandomPicker : IEndpointPicker
{
    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates) =>
        EndpointWeights.AreUneven(candidates, out var total)
            ? EndpointWeights.At(candidates, Random.Shared.Next(total))
            : candidates[Random.Shared.Next(candidates.Count)];
}
