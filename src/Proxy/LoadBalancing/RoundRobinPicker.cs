using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

internal sealed class RoundRobinPicker : IEndpointPicker
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _next = new(StringComparer.Ordinal);

    public DestinationState Pick(string service, IReadOnlyList<DestinationState> candidates)
    {
        var counter = _next.GetOrAdd(service, static _ => new StrongBox<int>(-1));
        var turn = (uint)Interlocked.Increment(ref counter.Value);
        return candidates[(int)(turn % (uint)candidates.Count)];
    }
}
