using Mesh.Proxy.Forwarding;

namespace Mesh.Proxy.Caching;

/// <summary>
/// What the cache made of a request: answered from the store (<see cref="Fill"/> null), or to be forwarded with
/// <see cref="Fill"/> seeing the answer through. <see cref="Fault"/> names a client that left while it waited.
/// </summary>
internal readonly record struct CacheLookup(CacheFill? Fill, ClientFault? Fault = null)
{
    public static CacheLookup Answered { get; } = new(null);
}
