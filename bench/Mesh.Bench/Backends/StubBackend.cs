using Mesh.Bench.Cluster;

namespace Mesh.Bench.Backends;

/// <summary>
/// The backend under every benchmark: in-process Kestrel answering 200 "ok" on every path, or 500 on every
/// path but <c>/healthz</c> while <see cref="Failing"/> (so the active health check keeps the endpoint in).
/// </summary>
internal sealed class StubBackend : IAsyncDisposable
{
    private const string HealthPath = "/healthz";
    private readonly WebApplication _app;
    private volatile bool _failing;

    private StubBackend(WebApplication app, int port)
    {
        _app = app;
        Address = $"http://127.0.0.1:{port}";
    }

    /// <summary>The endpoint address to register, <c>http://127.0.0.1:port</c>.</summary>
    public string Address { get; }

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public static async Task<StubBackend> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var backend = new StubBackend(app, port);
        app.Run(context =>
        {
            if (backend.Failing && context.Request.Path != HealthPath)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return context.Response.WriteAsync("failing", context.RequestAborted);
            }

            return context.Response.WriteAsync("ok", context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
