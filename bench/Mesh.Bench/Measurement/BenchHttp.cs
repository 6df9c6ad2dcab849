namespace Mesh.Bench.Measurement;

/// <summary>HTTP/1.1 clients that keep their connections: no proxy from the environment, no redirects, no cookies.</summary>
internal static class BenchHttp
{
    public static HttpClient Create(int maxConnections = 16, TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };
}
