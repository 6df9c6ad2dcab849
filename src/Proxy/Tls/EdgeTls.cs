using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Mesh.Proxy.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Mesh.Proxy.Tls;

/// <summary>An edge's <c>https</c> listener: TLS 1.2 and 1.3 only, ALPN h2 then http/1.1, the certificate chosen per handshake by SNI.</summary>
internal static class EdgeTls
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static void Enable(ListenOptions listen, EdgeCertificates certificates, ProxyMetrics metrics)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificates.Select(context.ClientHelloInfo.ServerName) ?? Refuse(context.ClientHelloInfo.ServerName, metrics),
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ApplicationProtocols = Alpn,
            }),
        });
    }

    /// <summary>Counted, since Kestrel logs a failed handshake at debug level only: an operator sees names nothing serves.</summary>
    private static SslStreamCertificateContext Refuse(string serverName, ProxyMetrics metrics)
    {
        metrics.TlsRefused("no_certificate");
        throw new AuthenticationException($"no certificate serves '{serverName}' and there is no 'default' certificate");
    }
}
