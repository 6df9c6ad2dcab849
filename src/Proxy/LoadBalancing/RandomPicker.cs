using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

internal sealed class RandomPicker : IEndpointPicker
{
    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates) => candidates[Random.Shared.Next(candidates.Count)];
}
