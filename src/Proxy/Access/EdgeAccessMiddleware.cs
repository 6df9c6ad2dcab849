using Mesh.Contracts.Jwt;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.Telemetry;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.Access;

/// <summary>
/// The edge's door, before the rate limiter and the forwarder: CORS preflights are answered, callers are
/// authenticated and checked against the route's allow list, and what the upstream learns of the caller is set.
/// A refusal is the client's doing: it never reaches the upstream, so it never counts against a service.
/// </summary>
internal sealed partial class EdgeAccessMiddleware(
    SnapshotApplier applier,
    IClusterClient cluster,
    ProxyMetrics metrics,
    ILogger<EdgeAccessMiddleware> logger)
{
    public const string ConsumerHeader = "x-mesh-consumer";
    public const string GroupsHeader = "x-mesh-consumer-groups";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // Only the edge says who called: a client's own claim never travels on, on any route.
        var headers = context.Request.Headers;
        headers.Remove(ConsumerHeader);
        headers.Remove(GroupsHeader);
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route
            || !context.ViewFor(applier).Routes.TryGetValue(route.Config.RouteId, out var plan)
            || plan.Access is not { } access)
        {
            return next(context);
        }

        if (access.Cors?.Handle(context) == true)
        {
            return Task.CompletedTask;
        }

        return access.Mode == Contracts.Routes.AuthMode.None ? next(context) : AuthenticateAsync(context, next, route.Config.RouteId, access);
    }

    private async Task AuthenticateAsync(HttpContext context, RequestDelegate next, string routeId, RouteAccess access)
    {
        var verdict = await access.AuthenticateAsync(context.Request);
        if (verdict.StaleKeys is { } provider && provider.ShouldAskForKeys())
        {
            LogUnknownKey(provider.Name);
            cluster.GetGrain<IJwksGrain>(provider.Name).RefreshAsync().Ignore();
        }

        if (verdict.Caller is not { } caller)
        {
            metrics.AccessRefused(routeId, verdict.Presented ? "invalid_credentials" : "missing_credentials");
            context.Response.Headers.WWWAuthenticate = verdict.Challenge;
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", verdict.Error);
            return;
        }

        if (!access.Admits(caller))
        {
            metrics.AccessRefused(routeId, "forbidden");
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", $"consumer '{caller.Consumer}' may not call this route");
            return;
        }

        context.Features.Set(caller);
        var headers = context.Request.Headers;
        headers.Remove(RouteAccess.ApiKeyHeader);
        if (access.Mode != Contracts.Routes.AuthMode.ApiKey)
        {
            headers.Authorization = default;
        }

        headers[ConsumerHeader] = caller.Consumer;
        if (caller.GroupsHeader.Length > 0)
        {
            headers[GroupsHeader] = caller.GroupsHeader;
        }

        foreach (var (header, value) in caller.ClaimHeaders)
        {
            headers[header] = value;
        }

        await next(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A token names a key JWT provider {Provider} does not publish here: asking the control plane to refetch its keys")]
    private partial void LogUnknownKey(string provider);
}
