namespace Mesh.Proxy.Caching;

/// <summary><c>Mesh:Proxy:Cache</c>: how much an edge keeps for the routes that cache, and how long concurrent misses wait for one fetch.</summary>
internal sealed class ProxyCacheOptions
{
    public const string Section = "Mesh:Proxy:Cache";

    /// <summary>Stored responses (bodies, headers and bookkeeping) together; the least recently used go first.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How long a request waits for another's fetch of the same response before it goes to the upstream itself
    /// (nginx's <c>proxy_cache_lock_timeout</c>).
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
