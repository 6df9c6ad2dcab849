using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// The route's own transforms, plus one decision: an upstream answer with a status worth retrying is held
/// back (neither headers nor body reach the client), so the forwarder can try another endpoint. The headers of an
/// answer that goes through leave at once for gRPC (<see cref="GrpcHeaders"/>).
/// </summary>
internal sealed class AttemptTransformer(HttpTransformer route, Func<int, bool> holdBack) : HttpTransformer
{
    /// <summary>The status held back, if any.</summary>
    public int? HeldBackStatus { get; private set; }

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken) =>
        route.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null && holdBack((int)proxyResponse.StatusCode))
        {
            HeldBackStatus = (int)proxyResponse.StatusCode;
            return false;
        }

        var copy = await route.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        await GrpcHeaders.SendAtOnceAsync(httpContext, proxyResponse, copy, cancellationToken);
        return copy;
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        route.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
}
