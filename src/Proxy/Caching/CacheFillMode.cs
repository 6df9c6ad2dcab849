namespace Mesh.Proxy.Caching;

internal enum CacheFillMode
{
    /// <summary>Not for the cache: forwarded as it is (an unsafe method still invalidates).</summary>
    Bypass,

    /// <summary>Not answered from the store and not stored (a HEAD: the body to store would be missing).</summary>
    Forward,

    /// <summary>Not answered from the store: the upstream's answer is stored when it may be.</summary>
    Fill,
}
