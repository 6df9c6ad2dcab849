using Microsoft.AspNetCore.Connections.Features;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Identity;
using Mesh.Contracts.Services;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Telemetry;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.Identity;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Sidecar;

/// <summary>
/// Requests that passed the inbound handshake: checks the caller's certificate again (a revocation must
/// reach connections already open), asks the service's policy from the snapshot, and forwards allowed
/// calls to the local app with the caller's identity in <see cref="CallerHeaders.Caller"/>.
/// </summary>
internal sealed partial class InboundHandler : IDisposable
{
    private static readonly object CallerKey = new();

    /// <summary>The caller's proxy enforces the route's timeout; this only bounds an app that hangs.</summary>
    private static readonly TimeSpan AppActivityTimeout = TimeSpan.FromSeconds(100);

    private readonly TimeProvider _time;
    private readonly IHttpForwarder _forwarder;
    private readonly UpstreamRequests _requests;
    private readonly MeshTrust _trust;
    private readonly SnapshotApplier _applier;
    private readonly IdentityMetrics _metrics;
    private readonly ILogger<InboundHandler> _logger;
    private readonly string _service;
    private readonly string _app;

    private readonly HttpMessageInvoker _client = AppHttpClientFactory.Create();

    public InboundHandler(
        IHttpForwarder forwarder, UpstreamRequests requests, MeshTrust trust, SnapshotApplier applier, IdentityMetrics metrics, IOptions<SidecarOptions> options, TimeProvider time, ILogger<InboundHandler> logger)
    {
        _time = time;
        _forwarder = forwarder;
        _requests = requests;
        _trust = trust;
        _applier = applier;
        _metrics = metrics;
        _logger = logger;
        _service = options.Value.Service!;
        _app = options.Value.AppAddress.AbsoluteUri;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var (verdict, callerId) = Caller(context);
        if (verdict.Service is not { } caller)
        {
            _metrics.Inbound("-", "untrusted");
            // The certificate will not become good again: end the connection (Connection: close, or GOAWAY on HTTP/2).
            context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Caller not trusted", verdict.Refusal);
            return;
        }

        var snapshot = _applier.Current.Snapshot;
        var policy = snapshot.Authz.GetValueOrDefault(_service);
        if (AuthzDecision.Deny(policy, caller, context.Request.Method, context.Request.Path.Value ?? "/") is { } denial)
        {
            _metrics.Inbound(caller, "denied");
            LogDenied(caller, _service, context.Request.Method, context.Request.Path, denial);
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden by policy", $"authorization policy of '{_service}': {denial}");
            return;
        }

        _metrics.Inbound(caller, "allowed");
        context.Request.Headers[CallerHeaders.Caller] = callerId;
        var protocol = snapshot.Services.TryGetValue(_service, out var entry) ? entry.Spec.Protocol : ServiceProtocol.Http1;
        var (request, clientDeadline) = _requests.For(context, AppActivityTimeout, protocol);
        var logged = context.Features.Get<RequestRecord>();
        var sent = _time.GetTimestamp();
        var error = await _forwarder.SendAsync(context, _app, _client, request, GrpcHeaders.Transformer.Instance);
        if (logged is not null)
        {
            logged.Service = _service;
            logged.Caller = caller;
            logged.Endpoint = _app;
            logged.UpstreamDurationMs = _time.GetElapsedTime(sent).TotalMilliseconds;
            logged.UpstreamStatus = error == ForwarderError.None ? context.Response.StatusCode : null;
        }

        if (error == ForwarderError.None)
        {
            return;
        }

        var outcome = AttemptOutcome.Classify(context, error, null, clientDeadline);
        if (outcome.Fault is { } named)
        {
            var fault = await ClientFault.SettleAsync(named, context, _time);
            logged?.ClientFault = fault.Kind;
            await ProblemResponses.WriteClientFaultAsync(context, fault, $"the inbound listener of '{_service}'", null);
        }
        else if (outcome.Verdict == AttemptVerdict.UpstreamFailed)
        {
            LogAppFailed(_service, _app, error);
            await ProblemResponses.WriteAsync(context, StatusCodes.Status502BadGateway, "Application failed", $"the local app of '{_service}' could not be reached or failed mid-response");
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The chain is checked once per connection (the handshake already did, this keeps the answer and the
    /// caller's SPIFFE id); every request re-checks what can change while a connection stays open: revocation.
    /// </summary>
    private (PeerVerdict Verdict, string? Id) Caller(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        var connection = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (connection?.TryGetValue(CallerKey, out var cached) != true || cached is not ConnectionCaller caller)
        {
            var verdict = _trust.Verify(certificate);
            caller = new ConnectionCaller(verdict, verdict.Service is { } service ? SpiffeIds.For(_trust.TrustDomain, service) : null);
            connection?.TryAdd(CallerKey, caller);
        }

        return (_trust.Recheck(caller.Verdict, certificate), caller.Id);
    }

    /// <summary>What the handshake's certificate speaks for, kept for the connection's life.</summary>
    private sealed record ConnectionCaller(PeerVerdict Verdict, string? Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Denied {Caller} → {Service}: {Method} {Path}: {Reason}")]
    private partial void LogDenied(string caller, string service, string method, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to the local app of {Service} at {App} failed: {Error}")]
    private partial void LogAppFailed(string service, string app, ForwarderError error);
}
