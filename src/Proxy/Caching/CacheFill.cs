using Mesh.Contracts.Routes;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Caching;

/// <summary>
/// One forwarded request on a caching route, from the lookup to the end of its answer. It adds the stored validators to a
/// revalidation and turns the upstream's 304 into the stored response with refreshed headers; it copies a storable
/// response's body as it streams to the client and stores it once complete; after an unsafe method it invalidates the
/// URLs it changed. As the first of concurrent misses it holds the others (<see cref="EdgeCache"/>) until it is disposed.
/// </summary>
internal sealed class CacheFill : IDisposable
{
    private readonly EdgeCache _cache;
    private readonly HttpContext _context;
    private readonly CacheFillMode _mode;
    private readonly string _route;
    private readonly CacheSpec _spec;
    private readonly bool _authenticated;
    private readonly string? _consumer;
    private readonly StoredResponse? _stale;
    private readonly (string Key, TaskCompletionSource Done)? _leads;
    private readonly DateTimeOffset _requestTime;
    private readonly long _epoch;
    private bool _notModified;
    private BodyCapture? _capture;
    private Stream? _clientBody;
    private StoredTiming _timing;
    private HashSet<string>? _vary;
    private int _status;

    public CacheFill(
        EdgeCache cache, HttpContext context, CacheFillMode mode, string route, CacheSpec spec, bool authenticated, string? consumer,
        StoredResponse? stale = null, (string Key, TaskCompletionSource Done)? leads = null)
    {
        _cache = cache;
        _context = context;
        _mode = mode;
        _route = route;
        _spec = spec;
        _authenticated = authenticated;
        _consumer = consumer;
        _stale = stale;
        _leads = leads;
        _requestTime = cache.Now;
        _epoch = cache.Store.Epoch;
        Outcome = mode == CacheFillMode.Bypass ? CacheOutcome.Bypass : CacheOutcome.Miss;
        context.Response.OnStarting(
            static state =>
            {
                var fill = (CacheFill)state;
                fill._context.Response.Headers[CacheOutcome.Header] = fill.Outcome;
                return Task.CompletedTask;
            },
            this);
    }

    public string Outcome { get; private set; }

    /// <summary>A revalidation asks with the stored validators, not the client's: the answer is about the stored response.</summary>
    public void AddValidators(HttpRequestMessage proxyRequest)
    {
        if (_stale is null)
        {
            return;
        }

        proxyRequest.Headers.Remove(HeaderNames.IfNoneMatch);
        proxyRequest.Headers.Remove(HeaderNames.IfModifiedSince);
        if (_stale.ETag is { } etag)
        {
            proxyRequest.Headers.TryAddWithoutValidation(HeaderNames.IfNoneMatch, etag);
        }

        if (_stale.LastModified is { } lastModified)
        {
            proxyRequest.Headers.TryAddWithoutValidation(HeaderNames.IfModifiedSince, lastModified);
        }
    }

    /// <summary>True for the upstream's 304 to a revalidation: its headers are taken, and nothing of it goes to the client as it is.</summary>
    public bool IsNotModified(HttpResponseMessage upstream) =>
        _notModified = _stale is not null && upstream.StatusCode == System.Net.HttpStatusCode.NotModified;

    /// <summary>
    /// The response's headers are set and its body about to stream: drop the headers the upstream's <c>Connection</c>
    /// names (they were for the hop to this proxy), and keep a copy when the response may be stored.
    /// </summary>
    public void OnResponseStarting(HttpResponseMessage upstream)
    {
        var response = _context.Response;
        if (upstream.Headers.NonValidated.TryGetValues(HeaderNames.Connection, out var connection))
        {
            foreach (var line in connection)
            {
                foreach (var name in line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    response.Headers.Remove(name);
                }
            }
        }

        if (_mode != CacheFillMode.Fill)
        {
            return;
        }

        var storable = CachePolicy.Storable(_context.Request, response.StatusCode, response.Headers, _spec, _authenticated, _requestTime, _cache.Now);
        if (storable is not var (timing, vary) || response.ContentLength > _spec.MaxBodyBytes)
        {
            return;
        }

        (_timing, _vary, _status) = (timing, vary, response.StatusCode);
        _clientBody = response.Body;
        _capture = new BodyCapture(_clientBody, _spec.MaxBodyBytes);
        response.Body = _capture;
    }

    /// <summary>After the forwarder is done: answer a 304 from the store, store what was copied, invalidate after an unsafe method.</summary>
    public async Task FinishAsync()
    {
        var response = _context.Response;
        if (_clientBody is not null)
        {
            response.Body = _clientBody;
        }

        if (_notModified && _stale is not null && !response.HasStarted)
        {
            await AnswerRevalidatedAsync(_stale);
        }
        else if (_capture is { Captured: { } body }
            && _context.Features.Get<IForwarderErrorFeature>() is null
            && response.StatusCode == _status
            && (response.ContentLength is null || response.ContentLength == body.Length))
        {
            _cache.Store.Store(new StoredResponse(
                EdgeCache.KeyOf(_context.Request), _route, _context.Request.Path.Value ?? "/", _status, CachePolicy.StoredHeaders(response.Headers), body, _timing,
                StoredVariant.Of(_route, _vary!, _context.Request, _consumer)), _epoch);
        }

        if (_mode == CacheFillMode.Bypass && EdgeCache.IsUnsafe(_context.Request.Method) && response.StatusCode is >= 200 and < 400)
        {
            _cache.InvalidateTargets(_context);
        }

        _cache.Metrics.Answered(_route, Outcome);
    }

    /// <summary>Lets the requests waiting on this one go on: to the response it stored, or to the upstream themselves.</summary>
    public void Dispose()
    {
        _capture?.Dispose();
        if (_leads is var (key, done))
        {
            _cache.Finished(key, done);
        }
    }

    /// <summary>
    /// The upstream confirmed the stored response: it answers, with the 304's headers in place of its own (all but
    /// <c>Content-Length</c>, RFC 9111 §3.2), and is stored so again unless the 304 now forbids it.
    /// </summary>
    private async Task AnswerRevalidatedAsync(StoredResponse stale)
    {
        var now = _cache.Now;
        var merged = new HeaderDictionary();
        foreach (var (name, values) in stale.Headers)
        {
            merged[name] = values;
        }

        foreach (var (name, values) in CachePolicy.StoredHeaders(_context.Response.Headers))
        {
            if (CachePolicy.UpdatedBy304(name) || !merged.ContainsKey(name))
            {
                merged[name] = values;
            }
        }

        var refreshed = CachePolicy.Storable(_context.Request, stale.Status, merged, _spec, _authenticated, _requestTime, now);
        var timing = refreshed?.Timing ?? new StoredTiming(now, TimeSpan.Zero, TimeSpan.Zero, NoCache: true, MustRevalidate: true);
        var answer = new StoredResponse(
            stale.Key, stale.Route, stale.Path, stale.Status, [.. merged.Select(h => new KeyValuePair<string, StringValues>(h.Key, h.Value))], stale.Body, timing, stale.Variant);
        if (refreshed is null)
        {
            _cache.Store.Invalidate(stale.Key);
        }
        else
        {
            _cache.Store.Store(answer, _epoch);
        }

        _context.Response.Clear();
        Outcome = CacheOutcome.Stale;
        await StoredResponseWriter.WriteAsync(_context, answer, timing.AgeAt(now), Outcome);
    }
}
