using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>Chooses one of a service's available endpoints; the candidates are never empty.</summary>
internal interface IEndpointPicker
{
    DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates);
}
