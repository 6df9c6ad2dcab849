using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>Each endpoint in turn, as many turns per round as its weight.</summary>
internal sealed class RoundRobinPicker : IEndpointPicker
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _next = new(StringComparer.Ordinal);

    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates)
    {
        var counter = _next.GetOrAdd(service, static _ => new StrongBox<int>(-1));
        var turn = (uint)Interlocked.Increment(ref counter.Value);
        return EndpointWeights.AreUneven(candidates, out var total)
            ? EndpointWeights.At(candidates, (int)(turn % (uint)total))
            : candidates[(int)(turn % (uint)candidates.Count)];
    }
}
