using System.Diagnostics;
using Mesh.Proxy.Access;
using Mesh.Proxy.Caching;
using Mesh.Proxy.Faults;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.Telemetry;

/// <summary>
/// The first stop of every proxied request while a record sink is on (registered only then, so a proxy without one
/// pays nothing): it starts the request's <see cref="RequestRecord"/>, counts its bodies, and once the answer is done
/// completes the record from what the request left behind and hands it to each enabled sink. The fields only a log
/// line shows are filled only when a sink reads them: analytics alone costs no string per request.
/// </summary>
internal sealed class RequestRecordMiddleware
{
    private readonly IRequestRecordSink[] _sinks;
    private readonly bool _detail;
    private readonly TimeProvider _time;

    public RequestRecordMiddleware(IEnumerable<IRequestRecordSink> sinks, TimeProvider time)
    {
        _sinks = [.. sinks.Where(s => s.Enabled)];
        _detail = _sinks.Any(s => s.ReadsDetail);
        _time = time;
    }

    public bool Enabled => _sinks.Length > 0;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = _time.GetTimestamp();
        var request = context.Request;
        var entry = new RequestRecord
        {
            Time = _time.GetUtcNow(),
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Client = _detail ? context.Connection.RemoteIpAddress?.ToString() : null,
            TraceId = _detail && Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null,
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
            entry.DurationMs = _time.GetElapsedTime(started).TotalMilliseconds;
            entry.BytesIn = bodies.BytesIn;
            entry.BytesOut = bodies.BytesOut;
            // The endpoint names the route even when a middleware answered before YARP's pipeline ran (a 429, a 401).
            entry.Route ??= context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;
            entry.Consumer ??= context.Features.Get<EdgeCaller>()?.Consumer;
            if (_detail)
            {
                AddOutcomes(entry, response);
            }

            foreach (var sink in _sinks)
            {
                sink.Add(entry);
            }
        }
    }

    private static void AddOutcomes(RequestRecord entry, HttpResponse response)
    {
        entry.Cache = response.Headers.TryGetValue(CacheOutcome.Header, out var cache) ? cache.ToString() : null;
        entry.Fault = response.Headers.TryGetValue(FaultInjection.Header, out var fault) ? fault.ToString() : null;
        if (response.StatusCode == StatusCodes.Status429TooManyRequests && response.Headers.ContainsKey("RateLimit-Policy"))
        {
            entry.RateLimit = "refused";
        }
    }
}
