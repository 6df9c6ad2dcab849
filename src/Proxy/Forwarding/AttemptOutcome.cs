using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// How one upstream attempt ended, decided once where the forwarder learns it. The client's doing wins: a
/// request whose client went away counts for nobody, whatever the upstream did meanwhile (as YARP's passive
/// health and Envoy's outlier detection also judge).
/// </summary>
internal readonly record struct AttemptOutcome(AttemptVerdict Verdict, string? UpstreamErrorKind, ClientFault? Fault)
{
    public static AttemptOutcome Succeeded { get; } = new(AttemptVerdict.Succeeded, null, null);

    /// <summary>No attempt was made (no endpoint was left to try).</summary>
    public static AttemptOutcome NotAttempted { get; } = new(AttemptVerdict.NotCounted, null, null);

    /// <param name="clientDeadline">The attempt's timeout was the client's own deadline: its running out is the client's choice.</param>
    public static AttemptOutcome Classify(HttpContext context, ForwarderError error, int? heldBackStatus, bool clientDeadline = false)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return ByClient(ClientFault.ClientClosed);
        }

        if (heldBackStatus is { } status)
        {
            return Upstream("status_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return error switch
        {
            ForwarderError.None => ByStatus(context),
            ForwarderError.Request => Upstream("connect"),
            ForwarderError.RequestTimedOut => clientDeadline ? ByClient(ClientFault.DeadlineExceeded) : Upstream("timeout"),
            ForwarderError.ResponseBodyDestination => Upstream("response_body"),
            ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination => Upstream("upgrade"),

            // A body error after the upstream's answer went out: the answer is what the upstream did.
            ForwarderError.RequestBodyDestination or ForwarderError.RequestBodyClient when context.Response.HasStarted => ByStatus(context),
            ForwarderError.RequestBodyDestination => Upstream("request_body"),
            ForwarderError.RequestBodyClient => ByClient(ClientFault.OfBodyStatus(context.Response.StatusCode)),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
                or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient => ByClient(ClientFault.ClientClosed),

            // The proxy's own failures (building the request or the response headers) and an idle upgraded
            // connection timing out say nothing about the upstream's health.
            _ => AttemptOutcome.NotAttempted,
        };
    }

    private static AttemptOutcome ByStatus(HttpContext context) =>
        context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? new(AttemptVerdict.UpstreamFailed, null, null) : Succeeded;

    private static AttemptOutcome Upstream(string kind) => new(AttemptVerdict.UpstreamFailed, kind, null);

    private static AttemptOutcome ByClient(ClientFault fault) => new(AttemptVerdict.NotCounted, null, fault);
}
