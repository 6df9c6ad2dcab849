using System.Diagnostics;
using Mesh.Proxy.Access;
using Mesh.Proxy.Caching;
using Mesh.Proxy.Faults;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.AccessLogs;

/// <summary>
/// The first stop of every proxied request while the access log is on (registered only then, so an proxy without it
/// pays nothing): it starts the request's <see cref="AccessLogEntry"/>, counts its bodies, and once the answer is done
/// completes the entry from what the request left behind and queues it for <see cref="AccessLogWriter"/>.
/// </summary>
internal sealed class AccessLogMiddleware(AccessLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = time.GetTimestamp();
        var request = context.Request;
        var traceId = Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null;
        var entry = new AccessLogEntry
        {
            Time = time.GetUtcNow(),
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Client = context.Connection.RemoteIpAddress?.ToString(),
            TraceId = traceId,
        };
        context.Features.Set(entry);
        var bodies = CountedBodies.Install(context);
        try
        {
            await next(context);
        }
        finally
        {
            var response = context.Response;
            entry.Status = response.StatusCode;
            entry.DurationMs = time.GetElapsedTime(started).TotalMilliseconds;
            entry.BytesIn = bodies.BytesIn;
            entry.BytesOut = bodies.BytesOut;
            entry.Route ??= context.Features.Get<IReverseProxyFeature>()?.Route.Config.RouteId;
            entry.Consumer ??= context.Features.Get<EdgeCaller>()?.Consumer;
            entry.Cache = response.Headers.TryGetValue(CacheOutcome.Header, out var cache) ? cache.ToString() : null;
            entry.Fault = response.Headers.TryGetValue(FaultInjection.Header, out var fault) ? fault.ToString() : null;
            if (response.StatusCode == StatusCodes.Status429TooManyRequests && response.Headers.ContainsKey("RateLimit-Policy"))
            {
                entry.RateLimit = "refused";
            }

            log.Add(entry);
        }
    }
}
