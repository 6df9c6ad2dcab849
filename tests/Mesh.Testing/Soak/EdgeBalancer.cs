using System.Net.Sockets;

namespace Mesh.Testing.Soak;

/// <summary>
/// What stands in front of the edges in production (a cloud load balancer, a Kubernetes Service): requests go
/// round-robin to the edges in rotation, an edge being restarted is taken out first, and a connection the edge
/// refused is tried once on another edge, as an L4 balancer with health checks does. A request an edge accepted
/// is never retried here: what it answers is what the client gets.
/// </summary>
public sealed class EdgeBalancer : IDisposable
{
    private readonly Uri[] _edges;
    private readonly bool[] _out;
    private readonly HttpClient _http;
    private int _next;
    private long _refusedConnections;

    public EdgeBalancer(IReadOnlyList<Uri> edges)
    {
        _edges = [.. edges];
        _out = new bool[_edges.Length];
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Connections an edge refused that were sent to another edge instead.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    public void TakeOut(int edge)
    {
        lock (_out)
        {
            _out[edge] = true;
        }
    }

    public void PutBack(int edge)
    {
        lock (_out)
        {
            _out[edge] = false;
        }
    }

    /// <summary>Sends a GET of <paramref name="path"/> with <paramref name="headers"/>; the answer and which edge gave it.</summary>
    public async Task<(HttpResponseMessage Response, int Edge)> GetAsync(string path, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var edge = Pick(exclude: -1);
        try
        {
            return (await SendAsync(edge, path, headers, cancellationToken), edge);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            Interlocked.Increment(ref _refusedConnections);
            var other = Pick(exclude: edge);
            return (await SendAsync(other, path, headers, cancellationToken), other);
        }
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(int edge, string path, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_edges[edge], path));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _http.SendAsync(request, cancellationToken);
    }

    private int Pick(int exclude)
    {
        lock (_out)
        {
            for (var tried = 0; tried < _edges.Length; tried++)
            {
                var edge = _next++ % _edges.Length;
                if (!_out[edge] && edge != exclude)
                {
                    return edge;
                }
            }

            return (exclude + 1) % _edges.Length;
        }
    }
}
