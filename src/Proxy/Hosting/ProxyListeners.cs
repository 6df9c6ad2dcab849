using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mesh.Proxy.Hosting;

/// <summary>
/// Binds the proxy's listeners in code (Kestrel ignores <c>UseUrls</c> once one listener is), so the
/// sidecar's inbound listener can carry its own TLS handshake.
/// </summary>
internal static class ProxyListeners
{
    public static void Listen(KestrelServerOptions kestrel, IEnumerable<Uri> urls, Action<ListenOptions>? configure = null)
    {
        foreach (var url in urls)
        {
            var listen = configure ?? (_ => { });
            if (url.IsLoopback && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
            {
                kestrel.ListenLocalhost(url.Port, listen);
            }
            else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
            {
                kestrel.Listen(address, url.Port, listen);
            }
            else
            {
                // 0.0.0.0, [::], * and + and host names: every address, as UseUrls would bind them.
                kestrel.ListenAnyIP(url.Port, listen);
            }
        }
    }
}
