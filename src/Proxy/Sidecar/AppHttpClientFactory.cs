using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Sidecar;

/// <summary>
/// The inbound listener's client to the app beside it: YARP's own forwarding client (no proxy, redirects, cookies
/// or decompression; the W3C trace context re-parented to this hop, so the app's span is a child of the sidecar's
/// rather than of the caller's), with a short connect timeout because the app is on loopback.
/// </summary>
internal sealed class AppHttpClientFactory : ForwarderHttpClientFactory
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static HttpMessageInvoker Create() =>
        new AppHttpClientFactory().CreateClient(new ForwarderHttpClientContext { ClusterId = "app", NewConfig = HttpClientConfig.Empty });

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = ConnectTimeout;
    }
}
