using System.Security.Cryptography.X509Certificates;
using Mesh.Proxy.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Identity;

/// <summary>
/// YARP's per-cluster HTTP clients, with mTLS for services that have sidecar endpoints: this proxy presents
/// its current certificate (read per handshake, so rotation needs no new client) and accepts a server only
/// when its certificate is a mesh identity naming the destination service.
/// </summary>
internal sealed partial class MeshHttpClientFactory(WorkloadIdentity identity, MeshTrust trust, ILogger<MeshHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
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

        var service = ClusterIds.ServiceOf(context.ClusterId);
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => identity.Current?.Certificate!;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => IsServer(service, certificate);
    }

    private bool IsServer(string service, X509Certificate? certificate)
    {
        var verdict = trust.Verify(certificate as X509Certificate2);
        if (verdict.Service == service)
        {
            return true;
        }

        LogServerRefused(_logger, service, verdict.Refusal ?? $"certificate speaks for '{verdict.Service}'");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the server certificate of an endpoint of {Service}: {Reason}")]
    private static partial void LogServerRefused(ILogger logger, string service, string reason);
}
