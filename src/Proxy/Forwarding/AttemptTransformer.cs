using Mesh.Proxy.Caching;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// The route's own transforms, plus one decision: an upstream answer with a status worth retrying is held
/// back (neither headers nor body reach the client), so the forwarder can try another endpoint. The headers of an
/// answer that goes through leave at once for gRPC (<see cref="GrpcHeaders"/>). On a caching route the
/// <see cref="CacheFill"/> sees the exchange: it adds validators, takes a 304 for itself, and copies what it may store.
/// </summary>
internal sealed class AttemptTransformer(HttpTransformer route, Func<int, bool> holdBack, CacheFill? fill = null) : HttpTransformer
{
    /// <summary>The status held back, if any.</summary>
    public int? HeldBackStatus { get; private set; }

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken) =>
        fill is null
            ? route.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken)
            : TransformWithValidatorsAsync(fill, httpContext, proxyRequest, destinationPrefix, cancellationToken);

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null && holdBack((int)proxyResponse.StatusCode))
        {
            HeldBackStatus = (int)proxyResponse.StatusCode;
            return false;
        }

        if (fill is not null && proxyResponse is not null && fill.IsNotModified(proxyResponse))
        {
            await route.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            return false;
        }

        var copy = await route.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (copy && proxyResponse is not null)
        {
            fill?.OnResponseStarting(proxyResponse);
        }

        await GrpcHeaders.SendAtOnceAsync(httpContext, proxyResponse, copy, cancellationToken);
        return copy;
    }

    private async ValueTask TransformWithValidatorsAsync(CacheFill cacheFill, HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await route.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        cacheFill.AddValidators(proxyRequest);
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        route.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
}
