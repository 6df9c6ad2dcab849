using System.Collections.Frozen;
using System.Net;
using Mesh.Proxy.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Mirroring;

/// <summary>
/// Sends copies of requests to a shadow service and ignores the answers. Copies go out after the real
/// request is on its way, through their own connection pool (or the shadow's own mTLS client when it sits
/// behind sidecars: only that client holds the mesh identity), and are dropped (never queued) when too many
/// are in flight: a slow or failing shadow can never slow or fail real traffic.
/// </summary>
internal sealed partial class RequestMirror(ILogger<RequestMirror> logger) : IDisposable
{
    private const int MaxInFlight = 64;

    /// <summary>Hop-by-hop and framing headers belong to the client's connection, not to the copy.</summary>
    private static readonly FrozenSet<string> SkippedHeaders = new[]
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    });

    public static bool ShouldMirror(int percent) => percent >= 100 || Random.Shared.Next(100) < percent;

    public void Send(HttpContext context, string destination, byte[]? body, HttpMessageInvoker? meshClient)
    {
        if (!_slots.Wait(0))
        {
            LogDropped(destination);
            return;
        }

        var request = Copy(context, destination, body);
        _ = SendAsync(meshClient ?? _client, request);
    }

    public void Dispose()
    {
        _client.Dispose();
        _slots.Dispose();
    }

    private static HttpRequestMessage Copy(HttpContext context, string destination, byte[]? body)
    {
        var source = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(source.Method), RequestUtilities.MakeDestinationAddress(destination, source.Path, source.QueryString));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in source.Headers)
        {
            if (SkippedHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation(ProxyHeaders.Mirror, "1");
        return request;
    }

    private async Task SendAsync(HttpMessageInvoker client, HttpRequestMessage request)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            using var response = await client.SendAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogFailed(request.RequestUri!, e);
        }
        finally
        {
            request.Dispose();
            _slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mirror copy to {Destination} dropped: too many in flight")]
    private partial void LogDropped(string destination);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mirror copy to {Uri} failed")]
    private partial void LogFailed(Uri uri, Exception exception);
}
