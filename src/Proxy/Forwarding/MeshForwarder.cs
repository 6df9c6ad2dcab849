using Mesh.Proxy.Access;
using Mesh.Proxy.Caching;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Faults;
using Mesh.Proxy.LoadBalancing;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Mirroring;
using Mesh.Proxy.Resilience;
using Mesh.Proxy.Routing;
using Mesh.Proxy.Telemetry;
using Mesh.Proxy.Validation;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// The end of the proxy pipeline. YARP has matched the route; this picks the backend service by weight and
/// an endpoint by the service's policy, forwards with the per-attempt timeout, and retries on the service's
/// statuses and on connection failures when the request can be replayed, the budget allows, and another
/// endpoint exists. Each attempt is judged once (<see cref="AttemptOutcome"/>): only the upstream's own failures
/// reach its circuit, its outlier count and the retry decision. On a route with <c>cache</c> the edge cache answers
/// first when it may (<see cref="EdgeCache"/>), before any backend is chosen, so a stored answer touches no service.
/// Everything it reads is local: the hot path never calls the control plane.
/// </summary>
internal sealed partial class MeshForwarder(
    IHttpForwarder forwarder,
    SnapshotApplier applier,
    BackendSelector backends,
    EndpointPickers pickers,
    EndpointLoad load,
    RetryBudget budget,
    RequestMirror mirror,
    CircuitStates circuits,
    CircuitProbes probes,
    OutcomeLedger ledger,
    UpstreamRequests upstreamRequests,
    FaultInjection faults,
    EdgeCache cache,
    ProxyMetrics metrics,
    TimeProvider time,
    ILogger<MeshForwarder> logger)
{
    // Built once rather than per request: the hot path allocates what it must and no more.
    private readonly Func<string, bool> _circuitNotOpen = service => circuits.Check(service).Decision != CircuitDecision.Open;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var feature = context.GetReverseProxyFeature();
        var routeId = feature.Route.Config.RouteId;
        var (service, fault) = await ForwardAsync(context, feature, routeId);
        if (fault is not null)
        {
            fault = await ClientFault.SettleAsync(fault, context, time);
            metrics.ClientFault(routeId, service ?? "-", fault.Kind);
        }

        metrics.Answered(routeId, service ?? "-", fault?.Status ?? GrpcErrors.RefusalStatus(context) ?? context.Response.StatusCode, time.GetElapsedTime(started), context.Features.Get<EdgeCaller>()?.Consumer);
        if (context.Features.Get<RequestRecord>() is { } entry)
        {
            entry.Service = service;
            entry.Endpoint = feature.ProxiedDestination?.DestinationId;
            entry.ClientFault = fault?.Kind;
        }
    }

    private async Task<(string? Service, ClientFault? Fault)> ForwardAsync(HttpContext context, IReverseProxyFeature feature, string routeId)
    {
        var view = context.ViewFor(applier);
        if (!view.Routes.TryGetValue(routeId, out var plan))
        {
            // YARP matched a route from a configuration being replaced at this instant.
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Route is being updated", $"route '{routeId}'");
            return (null, null);
        }

        var route = plan.Spec;
        if (route.MaxRequestBodyBytes is { } limit && !RequestBodyLimit.TryApply(context, limit))
        {
            await ProblemResponses.WriteClientFaultAsync(context, ClientFault.RequestTooLarge, $"route '{routeId}'", limit);
            return (null, ClientFault.RequestTooLarge);
        }

        if (plan.Body is { } validator)
        {
            switch (await validator.CheckAsync(context, routeId))
            {
                case (ValidationOutcome.Refused, _):
                    return (null, null);
                case (ValidationOutcome.ClientFault, { } bodyFault):
                    await ProblemResponses.WriteClientFaultAsync(context, bodyFault, $"route '{routeId}'", route.MaxRequestBodyBytes);
                    return (null, bodyFault);
            }
        }

        if (route.Fault is { } injected)
        {
            switch (await faults.ApplyAsync(context, injected, routeId))
            {
                case FaultOutcome.Answered:
                    return (null, null);
                case FaultOutcome.ClientGone:
                    return (null, ClientFault.ClientClosed);
            }
        }

        if (route.Cache is not { } caching)
        {
            return await ForwardToBackendAsync(context, feature, view.Snapshot, plan, null);
        }

        var lookup = await cache.LookupAsync(context, routeId, caching, route.Authenticates);
        if (lookup.Fill is not { } fill)
        {
            return (null, lookup.Fault);
        }

        using (fill)
        {
            var forwarded = await ForwardToBackendAsync(context, feature, view.Snapshot, plan, fill);
            await fill.FinishAsync();
            return forwarded;
        }
    }

    private async Task<(string? Service, ClientFault? Fault)> ForwardToBackendAsync(
        HttpContext context, IReverseProxyFeature feature, CatalogSnapshot snapshot, RoutePlan plan, CacheFill? fill)
    {
        var route = plan.Spec;
        var routeId = feature.Route.Config.RouteId;
        if (backends.Choose(route, _circuitNotOpen) is not var (service, cluster))
        {
            await WriteNoBackendAsync(context, snapshot, route);
            return (null, null);
        }

        var probe = false;
        if (circuits.Check(service).Decision == CircuitDecision.Probe)
        {
            probe = await probes.TryAcquireAsync(service, context.RequestAborted);
            if (!probe)
            {
                await WriteCircuitOpenAsync(context, service, null);
                return (service, null);
            }
        }

        var spec = plan.SpecOf(service);
        budget.RecordRequest(service);
        var mirrorTo = route.Mirror is { } copy && RequestMirror.ShouldMirror(copy.Percent) ? backends.Available(copy.Service) : null;
        AttemptOutcome outcome;
        try
        {
            var replayable = (spec.Retry.Attempts > 0 || mirrorTo is not null) && await RequestReplay.PrepareAsync(context);
            if (mirrorTo is not null && (replayable || !RequestReplay.HasBody(context)))
            {
                var body = RequestReplay.HasBody(context) ? await RequestReplay.CopyBufferedBodyAsync(context) : null;
                var shadow = mirrorTo.DestinationsState.AvailableDestinations;
                var meshClient = YarpConfigTranslator.IsMutualTls(mirrorTo.Model.Config.Metadata) ? mirrorTo.Model.HttpClient : null;
                mirror.Send(context, shadow[Random.Shared.Next(shadow.Count)].Model.Config.Address, body, meshClient);
            }

            outcome = await SendWithRetriesAsync(context, feature, snapshot, route, service, cluster, spec, replayable, fill);
        }
        catch (Exception e) when (ClientFault.OfBodyRead(e, context) is { } fault)
        {
            // The body could not be buffered for a retry: the client went away or sent too much or too slowly.
            await ProblemResponses.WriteClientFaultAsync(context, fault, $"route '{routeId}'", route.MaxRequestBodyBytes);
            outcome = new AttemptOutcome(AttemptVerdict.NotCounted, null, fault);
        }

        if (outcome.Verdict == AttemptVerdict.NotCounted)
        {
            if (probe)
            {
                probes.Release(service);
            }

            return (service, outcome.Fault);
        }

        var succeeded = outcome.Verdict == AttemptVerdict.Succeeded;
        ledger.RecordRequest(service, succeeded);
        circuits.RecordLocal(service, spec.CircuitBreaker, succeeded);
        if (probe)
        {
            probes.Report(service, succeeded);
        }

        return (service, null);
    }

    private async Task WriteNoBackendAsync(HttpContext context, CatalogSnapshot snapshot, RouteSpec route)
    {
        foreach (var backend in route.Backends)
        {
            if (circuits.Check(backend.Service) is (CircuitDecision.Open, var retryAt) && backends.Available(backend.Service) is not null)
            {
                await WriteCircuitOpenAsync(context, backend.Service, retryAt);
                return;
            }
        }

        await WriteNoEndpointAsync(context, snapshot, route.Backends.Select(b => b.Service));
    }

    private static Task WriteNoEndpointAsync(HttpContext context, CatalogSnapshot snapshot, IEnumerable<string> services) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "No available endpoint", UnavailableEndpoints.Describe(snapshot, services));

    private Task WriteCircuitOpenAsync(HttpContext context, string service, DateTimeOffset? retryAt)
    {
        var seconds = retryAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds)) : 1;
        context.Response.Headers[ProxyHeaders.Circuit] = "open";
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Circuit open", $"service '{service}' is failing; retry after {seconds}s");
    }

    /// <summary>
    /// Sends, and retries on the service's statuses and on connection failures when the request can be
    /// replayed, the budget allows, and another endpoint exists: only ever after the upstream's own failure.
    /// Returns how the last attempt ended.
    /// </summary>
    private async Task<AttemptOutcome> SendWithRetriesAsync(
        HttpContext context, IReverseProxyFeature feature, CatalogSnapshot snapshot, RouteSpec route, string service, ClusterState cluster, ServiceSpec spec, bool replayable, CacheFill? fill)
    {
        var (requestConfig, clientDeadline) = upstreamRequests.For(context, route.Timeout ?? spec.Timeout, spec.Protocol);
        var picker = pickers.For(spec.LoadBalancing);
        var routeId = feature.Route.Config.RouteId;
        DestinationState? previous = null;
        var last = AttemptOutcome.NotAttempted;
        var entry = context.Features.Get<RequestRecord>();
        for (var attempt = 0; ; attempt++)
        {
            var available = cluster.DestinationsState.AvailableDestinations;
            if (available.Count == 0)
            {
                await WriteNoEndpointAsync(context, snapshot, [service]);
                return last;
            }

            // Never the same endpoint twice in a row, so a retry needs a second endpoint.
            var candidates = previous is null || available.Count < 2 ? available : available.Where(d => d != previous).ToList();
            var mayRetry = replayable && attempt < spec.Retry.Attempts && available.Count > 1;
            var destination = picker.Pick(service, candidates);
            var transformer = new AttemptTransformer(
                feature.Route.Transformer,
                status => mayRetry && spec.Retry.On.Contains(status) && !context.RequestAborted.IsCancellationRequested && budget.TryAcquire(service, spec.Retry.BudgetPercent),
                fill);

            feature.ProxiedDestination = destination;
            ForwarderError error;
            var sent = time.GetTimestamp();
            using (load.Track(destination))
            {
                error = await forwarder.SendAsync(context, destination.Model.Config.Address, cluster.Model.HttpClient, requestConfig, transformer);
            }

            if (entry is not null)
            {
                entry.UpstreamDurationMs = (entry.UpstreamDurationMs ?? 0) + time.GetElapsedTime(sent).TotalMilliseconds;
                entry.UpstreamStatus = transformer.HeldBackStatus ?? (error == ForwarderError.None ? context.Response.StatusCode : null);
                entry.Retries = attempt;
            }

            last = AttemptOutcome.Classify(context, error, transformer.HeldBackStatus, clientDeadline);
            if (last.Verdict != AttemptVerdict.NotCounted)
            {
                ledger.RecordAttempt(service, destination.DestinationId, last.Verdict == AttemptVerdict.Succeeded);
            }

            if (last.UpstreamErrorKind is { } kind)
            {
                metrics.UpstreamError(routeId, service, kind);
            }

            if (transformer.HeldBackStatus is { } status && last.Verdict == AttemptVerdict.UpstreamFailed)
            {
                PrepareRetry(context, service, destination.DestinationId, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                previous = destination;
                continue;
            }

            if (error == ForwarderError.None || transformer.HeldBackStatus is not null)
            {
                return last;
            }

            if (error == ForwarderError.Request && last.Verdict == AttemptVerdict.UpstreamFailed && mayRetry && !context.Response.HasStarted
                && budget.TryAcquire(service, spec.Retry.BudgetPercent))
            {
                PrepareRetry(context, service, destination.DestinationId, "connection failure");
                previous = destination;
                continue;
            }

            if (last.Fault is { } fault)
            {
                await ProblemResponses.WriteClientFaultAsync(context, fault, $"route '{routeId}'", route.MaxRequestBodyBytes);
            }
            else
            {
                await WriteUpstreamFailureAsync(context, error, service);
            }

            return last;
        }
    }

    private void PrepareRetry(HttpContext context, string service, string endpoint, string reason)
    {
        context.Response.Clear();
        context.Features.Set<IForwarderErrorFeature>(null);
        RequestReplay.Rewind(context);
        metrics.Retried(service);
        LogRetrying(service, endpoint, reason);
    }

    private static Task WriteUpstreamFailureAsync(HttpContext context, ForwarderError error, string service) => error == ForwarderError.RequestTimedOut
        ? ProblemResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Upstream timed out", $"service '{service}' did not answer in time")
        : ProblemResponses.WriteAsync(context, StatusCodes.Status502BadGateway, "Upstream failed", $"service '{service}' could not be reached or failed mid-response");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying a request to {Service} after {Reason} from endpoint {Endpoint}")]
    private partial void LogRetrying(string service, string endpoint, string reason);
}
