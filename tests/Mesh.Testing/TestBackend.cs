using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesh.Testing;

/// <summary>
/// A real HTTP upstream in the test process (Kestrel on a free loopback port). Every request is
/// answered with the backend's own name: header <c>x-backend</c> and a JSON body
/// <c>{"backend","method","path","query","headers"}</c> echoing what arrived, so a test sees both who
/// served a request and what the proxy sent. Requests are recorded; <see cref="HealthPath"/> probes
/// are only counted. The behaviour can be changed at runtime, and the backend stopped and started
/// again on the same port to play a killed and restarted instance. A request header
/// <c>x-respond-NAME: VALUE</c> makes the answer carry <c>NAME: VALUE</c> (how a test sets <c>Cache-Control</c>,
/// <c>ETag</c> or <c>Vary</c>), and a request whose <c>If-None-Match</c> names the <c>ETag</c> it asked for is answered
/// <c>304</c> with those headers and no body, as an origin that validates would. <c>x-delay-ms: N</c> answers that
/// request N milliseconds late and <c>x-status: N</c> answers it with status N.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    public const string HealthPath = "/healthz";
    public const string NameHeader = "x-backend";

    /// <summary>Request headers with this prefix become response headers without it.</summary>
    public const string RespondPrefix = "x-respond-";

    /// <summary>A request header that delays its own answer by that many milliseconds.</summary>
    public const string DelayHeader = "x-delay-ms";

    /// <summary>A request header that names its own answer's status.</summary>
    public const string StatusHeader = "x-status";

    /// <summary>How many of the latest requests <see cref="Requests"/> keeps.</summary>
    public const int RecentCapacity = 4096;

    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Queue<ReceivedRequest> _recent = new();
    private WebApplication? _app;
    private BackendMode _mode = BackendMode.Healthy;
    private int _failStatus;
    private int _failEvery;
    private int _answered;
    private int? _healthStatus;
    private TimeSpan _delay;
    private TaskCompletionSource _release = NewRelease();
    private int _received;
    private int _arrived;
    private int _healthChecks;

    private TestBackend(string name, int port)
    {
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _app is not null;

    /// <summary>Requests received since the backend was created (health probes excluded), hung ones included.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Requests whose headers reached the backend (health probes excluded), counted before their body is read.</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>How many <see cref="HealthPath"/> probes arrived.</summary>
    public int HealthChecks => Volatile.Read(ref _healthChecks);

    /// <summary>The latest <see cref="RecentCapacity"/> requests, oldest first.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _recent];
            }
        }
    }

    public static async Task<TestBackend> StartAsync(string name, int? port = null)
    {
        var backend = new TestBackend(name, port ?? FreePort.Next());
        await backend.StartAsync();
        return backend;
    }

    /// <summary>Answer every request, and <see cref="HealthPath"/>, with <paramref name="status"/>.</summary>
    public void FailWith(int status) => Change(BackendMode.Failing, status, TimeSpan.Zero);

    /// <summary>
    /// Answer <see cref="HealthPath"/> with <paramref name="status"/> whatever the mode, as a backend with no
    /// health endpoint (404) or a WebSocket server (426) would; null goes back to following the mode.
    /// </summary>
    public void HealthAnswers(int? status)
    {
        lock (_gate)
        {
            _healthStatus = status;
        }
    }

    /// <summary>Answer every <paramref name="nth"/> request with <paramref name="status"/> and the rest normally; health probes answer 200.</summary>
    public void FailEvery(int nth, int status)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 2);
        Change(BackendMode.Flaky, status, TimeSpan.Zero, nth);
    }

    /// <summary>Hold every new request until the mode changes or the caller gives up. Health probes still answer.</summary>
    public void Hang() => Change(BackendMode.Hanging, 0, TimeSpan.Zero);

    /// <summary>Answer every new request after <paramref name="delay"/>. Health probes answer at once.</summary>
    public void Delay(TimeSpan delay) => Change(BackendMode.Delaying, 0, delay);

    /// <summary>Answer normally again; requests held by <see cref="Hang"/> are released.</summary>
    public void Healthy() => Change(BackendMode.Healthy, 0, TimeSpan.Zero);

    /// <summary>Starts listening (again) on <see cref="Port"/>.</summary>
    public async Task StartAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException($"backend {Name} is already running on {Address}");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Address);

        // An upstream that takes any body, so that only the proxy's own limits are under test.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening as a killed instance would: open connections are closed, held requests aborted.</summary>
    public async Task StopAsync()
    {
        var app = _app;
        if (app is null)
        {
            return;
        }

        _app = null;
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // Past the grace period Kestrel aborts what is still open, which is what a kill does.
        }

        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Change(BackendMode mode, int failStatus, TimeSpan delay, int failEvery = 0)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _mode = mode;
            _failStatus = failStatus;
            _failEvery = failEvery;
            _delay = delay;
            released = _release;
            _release = NewRelease();
        }

        released.TrySetResult();
    }

    private (BackendMode Mode, int FailStatus, TimeSpan Delay, Task Release) Current()
    {
        lock (_gate)
        {
            return (_mode, _failStatus, _delay, _release.Task);
        }
    }

    private bool FailsThisOne()
    {
        var every = Volatile.Read(ref _failEvery);
        return every > 0 && Interlocked.Increment(ref _answered) % every == 0;
    }

    private int HealthStatus(BackendMode mode, int failStatus)
    {
        lock (_gate)
        {
            return _healthStatus ?? (mode == BackendMode.Failing ? failStatus : StatusCodes.Status200OK);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var (mode, failStatus, delay, release) = Current();
        if (context.Request.Path == HealthPath)
        {
            Interlocked.Increment(ref _healthChecks);
            await RespondAsync(context, HealthStatus(mode, failStatus));
            return;
        }

        Interlocked.Increment(ref _arrived);
        var (bodyLength, complete) = await DrainBodyAsync(context.Request.Body, aborted);
        Record(context.Request, bodyLength);
        if (!complete)
        {
            return;
        }

        try
        {
            switch (mode)
            {
                case BackendMode.Hanging:
                    await release.WaitAsync(aborted);
                    (mode, failStatus, _, _) = Current();
                    break;
                case BackendMode.Delaying:
                    await Task.Delay(delay, aborted);
                    break;
                default:
                    break;
            }

            if (int.TryParse(context.Request.Headers[DelayHeader], out var delayMs) && delayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delayMs), aborted);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var status = int.TryParse(context.Request.Headers[StatusHeader], out var asked) ? asked : StatusCodes.Status200OK;
        await RespondAsync(context, mode == BackendMode.Failing || (mode == BackendMode.Flaky && FailsThisOne()) ? failStatus : status);
    }

    private static async Task<(long Length, bool Complete)> DrainBodyAsync(Stream body, CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        long length = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, aborted)) > 0)
            {
                length += read;
            }

            return (length, true);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return (length, false);
        }
    }

    private void Record(HttpRequest request, long bodyLength)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var received = new ReceivedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, headers, bodyLength, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _recent.Enqueue(received);
            if (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }

        Interlocked.Increment(ref _received);
    }

    private async Task RespondAsync(HttpContext context, int status)
    {
        var request = context.Request;
        var headers = new JsonObject();
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = value.ToString();
        }

        var body = new JsonObject
        {
            ["backend"] = Name,
            ["method"] = request.Method,
            ["path"] = request.Path.Value,
            ["query"] = request.QueryString.Value ?? string.Empty,
            ["headers"] = headers,
        };
        context.Response.StatusCode = status;
        context.Response.Headers[NameHeader] = Name;
        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith(RespondPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name[RespondPrefix.Length..]] = value;
            }
        }

        var etag = context.Response.Headers.ETag.ToString();
        if (status == StatusCodes.Status200OK && etag.Length > 0 && request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
