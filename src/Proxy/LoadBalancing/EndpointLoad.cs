using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>Requests in flight per destination, as this proxy sees them; YARP's own counters are internal.</summary>
internal sealed class EndpointLoad
{
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _inFlight = [];

    public int InFlight(DestinationState destination) => Volatile.Read(ref Counter(destination).Value);

    public Lease Track(DestinationState destination)
    {
        var counter = Counter(destination);
        Interlocked.Increment(ref counter.Value);
        return new Lease(counter);
    }

    private StrongBox<int> Counter(DestinationState destination) => _inFlight.GetValue(destination, static _ => new StrongBox<int>());

    public readonly struct Lease(StrongBox<int> counter) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref counter.Value);
    }
}
