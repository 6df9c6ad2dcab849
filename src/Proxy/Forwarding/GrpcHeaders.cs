using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// YARP sends a response's headers with its first body bytes. A gRPC server may send headers and then wait for the
/// client (a bidirectional call whose client waits for those headers before it writes): held back, the call stalls.
/// For gRPC calls the headers leave as soon as the upstream sent them, except a trailers-only answer (its headers
/// already hold <c>grpc-status</c>): that one must reach the client as one frame that also ends the stream.
/// </summary>
internal static class GrpcHeaders
{
    public static async Task SendAtOnceAsync(HttpContext context, HttpResponseMessage? upstream, bool copied, CancellationToken cancellationToken)
    {
        if (copied && upstream is not null && GrpcErrors.IsGrpc(context.Request) && !context.Response.HasStarted
            && !upstream.Headers.Contains(GrpcErrors.Status))
        {
            // StartAsync only queues the headers; the flush puts them on the wire.
            await context.Response.StartAsync(cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
    }

    /// <summary>YARP's default transforms, plus the early headers: for forwarding without a route's transforms.</summary>
    public sealed class Transformer : HttpTransformer
    {
        public static Transformer Instance { get; } = new();

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            var copied = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            await SendAtOnceAsync(httpContext, proxyResponse, copied, cancellationToken);
            return copied;
        }
    }
}
