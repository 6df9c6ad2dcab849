using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>One TLS handshake with a loopback port, asking for a name by SNI: what was presented, trusted or not.</summary>
internal static class TlsHandshake
{
    /// <summary>The thumbprint of the certificate presented for <paramref name="serverName"/>; null when the handshake failed.</summary>
    public static async Task<string?> PresentedAsync(int port, string serverName)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        string? presented = null;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                // Self-signed and possibly for another name (a default certificate): what matters is which one came.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Thumbprint;
                    return (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch)) == SslPolicyErrors.None;
                },
            }).WaitAsync(TimeSpan.FromSeconds(10));
            return presented;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return null;
        }
    }
}
