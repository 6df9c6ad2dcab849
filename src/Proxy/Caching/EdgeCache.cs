using System.Collections.Concurrent;
using Mesh.Contracts.Routes;
using Mesh.Proxy.Access;
using Mesh.Proxy.Forwarding;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Mesh.Proxy.Caching;

/// <summary>
/// The edge's shared HTTP cache for routes with <c>cache</c>: answers from <see cref="ResponseStore"/> what RFC 9111 lets
/// it answer, and hands the rest to the forwarder with a <see cref="CacheFill"/>. Concurrent misses for one response make
/// one upstream request: the first fetches, the others wait for it (at most <c>LockTimeout</c>) and are answered from
/// what it stored, or go to the upstream themselves when it stored nothing they can use.
/// </summary>
internal sealed class EdgeCache(ResponseStore store, CacheMetrics metrics, IOptions<ProxyCacheOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _fetching = new(StringComparer.Ordinal);
    private readonly TimeSpan _lockTimeout = options.Value.LockTimeout;

    public ResponseStore Store => store;

    public CacheMetrics Metrics => metrics;

    public DateTimeOffset Now => time.GetUtcNow();

    public static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Stored responses are filed by absolute URL, whatever the method that reaches them.</summary>
    public static string KeyOf(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value?.ToLowerInvariant(), request.PathBase.Value, request.Path.Value, request.QueryString.Value);

    public async ValueTask<CacheLookup> LookupAsync(HttpContext context, string route, CacheSpec spec, bool authenticated)
    {
        var request = context.Request;
        if (!IsCacheable(request))
        {
            return new CacheLookup(new CacheFill(this, context, CacheFillMode.Bypass, route, spec, authenticated, null));
        }

        var directives = CachePolicy.RequestDirectives(request);
        var key = KeyOf(request);
        var consumer = spec.VaryByConsumer ? context.Features.Get<EdgeCaller>()?.Consumer ?? string.Empty : null;
        var waited = false;
        while (true)
        {
            var stored = store.Find(key, route, request, consumer);
            StoredResponse? stale = null;
            if (stored is not null)
            {
                var now = Now;
                switch (CachePolicy.Use(stored, directives, now))
                {
                    case StoredUse.Fresh:
                        await AnswerAsync(context, route, stored, now, CacheOutcome.Hit);
                        return CacheLookup.Answered;
                    case StoredUse.StaleAllowed:
                        await AnswerAsync(context, route, stored, now, CacheOutcome.Stale);
                        return CacheLookup.Answered;
                    case StoredUse.Revalidate:
                        stale = stored;
                        break;
                }
            }

            if (directives.OnlyIfCached)
            {
                context.Response.Headers[CacheOutcome.Header] = CacheOutcome.Miss;
                metrics.Answered(route, CacheOutcome.Miss);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Not cached", "the request asked for only-if-cached and the edge holds no usable response");
                return CacheLookup.Answered;
            }

            if (HttpMethods.IsHead(request.Method))
            {
                return new CacheLookup(new CacheFill(this, context, CacheFillMode.Forward, route, spec, authenticated, consumer));
            }

            var fetchKey = consumer is null ? string.Concat(route, "\n", key) : string.Concat(route, "\n", key, "\n", consumer);
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _fetching.GetOrAdd(fetchKey, mine);
            if (running == mine)
            {
                return new CacheLookup(new CacheFill(this, context, CacheFillMode.Fill, route, spec, authenticated, consumer, stale, (fetchKey, mine)));
            }

            if (waited)
            {
                return new CacheLookup(new CacheFill(this, context, CacheFillMode.Fill, route, spec, authenticated, consumer, stale));
            }

            waited = true;
            try
            {
                await running.Task.WaitAsync(_lockTimeout, time, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                // The first fetch is slow: go on without it rather than queue behind it.
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return new CacheLookup(null, ClientFault.ClientClosed);
            }
        }
    }

    /// <summary>After a successful unsafe request: the target URL and the ones its <c>Location</c> and <c>Content-Location</c> name on this host (RFC 9111 §4.4).</summary>
    public void InvalidateTargets(HttpContext context)
    {
        var request = context.Request;
        store.Invalidate(KeyOf(request));
        var origin = new Uri(string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value));
        foreach (var header in (ReadOnlySpan<string>)[HeaderNames.Location, HeaderNames.ContentLocation])
        {
            if (context.Response.Headers[header].ToString() is { Length: > 0 } value
                && Uri.TryCreate(origin, value, out var target)
                && string.Equals(target.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(target.Authority, origin.Authority, StringComparison.OrdinalIgnoreCase))
            {
                store.Invalidate(string.Concat(target.Scheme, "://", target.Authority.ToLowerInvariant(), PathString.FromUriComponent(target.AbsolutePath).Value, target.Query));
            }
        }
    }

    public void Finished(string fetchKey, TaskCompletionSource done)
    {
        _fetching.TryRemove(new KeyValuePair<string, TaskCompletionSource>(fetchKey, done));
        done.TrySetResult();
    }

    /// <summary>A GET or HEAD for the whole representation: ranges and upgrades pass the cache by.</summary>
    private static bool IsCacheable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Headers.ContainsKey(HeaderNames.Range)
        && !request.Headers.ContainsKey(HeaderNames.Upgrade);

    private async Task AnswerAsync(HttpContext context, string route, StoredResponse stored, DateTimeOffset now, string outcome)
    {
        metrics.Answered(route, outcome);
        await StoredResponseWriter.WriteAsync(context, stored, stored.Timing.AgeAt(now), outcome);
    }
}
