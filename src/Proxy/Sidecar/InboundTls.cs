using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Mesh.Proxy.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Mesh.Proxy.Sidecar;

/// <summary>
/// The inbound listener's TLS: this sidecar's current certificate (read per handshake, so rotation is
/// seamless), and a client certificate that is required and must be a mesh identity; anything else fails
/// the handshake before a byte of HTTP is read.
/// </summary>
internal sealed partial class InboundTls(WorkloadIdentity identity, MeshTrust trust, ILogger<InboundTls> logger)
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public TlsHandshakeCallbackOptions Options => new()
    {
        HandshakeTimeout = HandshakeTimeout,
        OnConnection = _ => identity.Current is { } credentials
            ? ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = credentials.ServerContext,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => AcceptCaller(certificate),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            })
            : ValueTask.FromException<SslServerAuthenticationOptions>(new AuthenticationException("this sidecar has no certificate yet")),
    };

    private bool AcceptCaller(X509Certificate? certificate)
    {
        var verdict = trust.Verify(certificate as X509Certificate2);
        if (!verdict.IsTrusted)
        {
            LogRefused(verdict.Refusal!);
        }

        return verdict.IsTrusted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a caller's TLS handshake: {Reason}")]
    private partial void LogRefused(string reason);
}
