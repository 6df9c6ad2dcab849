using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesh.Testing;

/// <summary>
/// An identity provider's key endpoint on a free loopback port: serves whatever key set it was last given at
/// <see cref="Uri"/>, counts the fetches, and can play an outage (503) to prove the last good keys are kept.
/// </summary>
public sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _keys;
    private volatile bool _down;
    private int _fetches;

    private JwksServer(WebApplication app, int port, string keys)
    {
        _app = app;
        _keys = keys;
        Uri = $"http://127.0.0.1:{port}/.well-known/jwks.json";
    }

    public string Uri { get; }

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<JwksServer> StartAsync(string keys)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new JwksServer(app, port, keys);
        app.MapGet("/.well-known/jwks.json", server.Serve);
        await app.StartAsync();
        return server;
    }

    /// <summary>From now on, answers <paramref name="keys"/> (and serves again after <see cref="GoDown"/>).</summary>
    public void Publish(string keys)
    {
        _keys = keys;
        _down = false;
    }

    /// <summary>From now on, answers 503 as an identity provider in an outage would.</summary>
    public void GoDown() => _down = true;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Serve()
    {
        Interlocked.Increment(ref _fetches);
        return _down ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text(_keys, "application/json");
    }
}
