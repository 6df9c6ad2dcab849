using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Mesh.Proxy.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Identity;

/// <summary>
/// YARP's per-cluster HTTP clients, with mTLS for services that have sidecar endpoints: this proxy presents
/// its current certificate (read per handshake, so rotation needs no new client) and accepts a server only
/// when its certificate is a mesh identity naming the destination service; connections are remembered by
/// that certificate so a revocation can close them.
/// </summary>
internal sealed partial class MeshHttpClientFactory(WorkloadIdentity identity, MeshTrust trust, ServerConnections connections, ILogger<MeshHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    private static readonly TimeSpan MaxConnectionLifetime = TimeSpan.FromMinutes(5);

    private readonly ILogger _logger = logger;

    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context) && YarpConfigTranslator.IsMutualTls(context.OldMetadata) == YarpConfigTranslator.IsMutualTls(context.NewMetadata);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        if (!YarpConfigTranslator.IsMutualTls(context.NewMetadata))
        {
            return;
        }

        // Certificates are checked at the handshake: a bounded connection life makes both sides show their
        // current (rotated) certificates to each other again, however long traffic keeps a connection busy.
        handler.PooledConnectionLifetime = MaxConnectionLifetime;
        var service = ClusterIds.ServiceOf(context.ClusterId);
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => identity.Current?.Certificate!;
        handler.SslOptions.RemoteCertificateValidationCallback = (connection, certificate, _, _) => IsServer(service, certificate as X509Certificate2, connection as SslStream);
    }

    private bool IsServer(string service, X509Certificate2? certificate, SslStream? connection)
    {
        var verdict = trust.Verify(certificate);
        if (verdict.Service == service)
        {
            if (connection is not null)
            {
                connections.Opened(certificate!.SerialNumber, connection);
            }

            return true;
        }

        LogServerRefused(_logger, service, verdict.Refusal ?? $"certificate speaks for '{verdict.Service}'");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the server certificate of an endpoint of {Service}: {Reason}")]
    private static partial void LogServerRefused(ILogger logger, string service, string reason);
}
