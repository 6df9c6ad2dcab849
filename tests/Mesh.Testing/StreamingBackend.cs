using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesh.Testing;

/// <summary>
/// A real HTTP/1.1 server on a free loopback port for long-lived traffic: <c>/ws</c> echoes WebSocket text messages,
/// <c>/events?count=n</c> sends n server-sent events 300 ms apart, each flushed as it is written, and <c>/healthz</c>.
/// </summary>
public sealed class StreamingBackend : IAsyncDisposable
{
    public static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(300);

    private readonly WebApplication _app;

    private StreamingBackend(int port)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Address);
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapGet("/healthz", () => "ok");
        _app.Map("/ws", EchoAsync);
        _app.MapGet("/events", EventsAsync);
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<StreamingBackend> StartAsync()
    {
        var backend = new StreamingBackend(FreePort.Next());
        await backend._app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }

            var echo = System.Text.Encoding.UTF8.GetBytes("echo: " + System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
            await socket.SendAsync(echo, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
        }
    }

    private static async Task EventsAsync(HttpContext context, int count = 3)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        for (var i = 1; i <= count; i++)
        {
            await context.Response.WriteAsync($"id: {i}\ndata: event {i}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (i < count)
            {
                await Task.Delay(EventInterval, context.RequestAborted);
            }
        }
    }
}
