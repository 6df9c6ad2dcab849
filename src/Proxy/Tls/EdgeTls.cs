using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Mesh.Proxy.Tls;

/// <summary>An edge's <c>https</c> listener: TLS 1.2 and 1.3 only, ALPN h2 then http/1.1, the certificate chosen per handshake by SNI.</summary>
internal static class EdgeTls
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static void Enable(ListenOptions listen, EdgeCertificates certificates)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificates.Select(context.ClientHelloInfo.ServerName)
                    ?? throw new AuthenticationException($"no certificate serves '{context.ClientHelloInfo.ServerName}' and there is no 'default' certificate"),
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ApplicationProtocols = Alpn,
            }),
        });
    }
}
