using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>Real clients for long-lived traffic: a WebSocket echo exchange, and a server-sent event stream timed as it arrives.</summary>
public static class StreamingClients
{
    /// <summary>Sends each message over a WebSocket to <paramref name="url"/> (ws://) and returns the answers.</summary>
    public static async Task<List<string>> EchoAsync(Uri url, string? host, params string[] messages)
    {
        using var socket = new ClientWebSocket();
        if (host is not null)
        {
            socket.Options.SetRequestHeader("Host", host);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(url, deadline.Token);
        var answers = new List<string>();
        var buffer = new byte[4096];
        foreach (var message in messages)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, deadline.Token);
            var received = await socket.ReceiveAsync(buffer, deadline.Token);
            answers.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", deadline.Token);
        return answers;
    }

    /// <summary>Reads an event stream line by line: each <c>data:</c> line with when it arrived, and when the stream ended.</summary>
    public static async Task<(List<(string Data, TimeSpan At)> Events, TimeSpan Ended)> ReadEventsAsync(HttpClient http, string path, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string, TimeSpan)>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((line["data: ".Length..], clock.Elapsed));
            }
        }

        return (events, clock.Elapsed);
    }
}
