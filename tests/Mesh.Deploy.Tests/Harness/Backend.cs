using Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesh.Deploy.Tests.Harness;

/// <summary>A service instance behind the edge: answers every request with 200 and its own name.</summary>
public sealed class Backend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Backend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<Backend> StartAsync(string name, int? port = null)
    {
        var listen = port ?? FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{listen}");
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync($"{name} {context.Request.Path}"));
        await app.StartAsync();
        return new Backend(app, listen);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
