using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>Grpc.Net.Client calls of each kind to <see cref="GrpcEcho"/>, through whatever address it is given.</summary>
public sealed class GrpcClients : IDisposable
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel;

    /// <summary>Calls to loopback <paramref name="port"/> that name <paramref name="authority"/> as their host (<c>:authority</c>).</summary>
    public GrpcClients(int port, string? authority = null) =>
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
        {
            MaxRetryAttempts = 0,
            HttpHandler = new Authority(authority) { InnerHandler = new SocketsHttpHandler() },
        });

    private CallInvoker Calls => _channel.CreateCallInvoker();

    private static CallOptions Options(Metadata? headers = null) => new(headers, DateTime.UtcNow + CallDeadline);

    public async Task<string> SayAsync(string message, Metadata? headers = null) =>
        await Calls.AsyncUnaryCall(GrpcEcho.Methods.Say, null, Options(headers), message);

    /// <summary>A unary call of <paramref name="method"/> on the echo service, which need not exist.</summary>
    public async Task<string> CallAsync(string method, string message) =>
        await Calls.AsyncUnaryCall(new Method<string, string>(MethodType.Unary, GrpcEcho.ServiceName, method, GrpcEcho.Methods.Say.RequestMarshaller, GrpcEcho.Methods.Say.ResponseMarshaller), null, Options(), message);

    public async Task<List<string>> RepeatAsync(string message, int count)
    {
        using var call = Calls.AsyncServerStreamingCall(GrpcEcho.Methods.Repeat, null, Options([new("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture))]), message);
        var received = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            received.Add(response);
        }

        return received;
    }

    public async Task<string> CollectAsync(params string[] messages)
    {
        using var call = Calls.AsyncClientStreamingCall(GrpcEcho.Methods.Collect, null, Options());
        foreach (var message in messages)
        {
            await call.RequestStream.WriteAsync(message);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>
    /// Waits for the server's response headers before sending anything (the server sends them first), then sends
    /// each message and reads its answer before the next: a proxy that holds headers back until a body byte stalls it.
    /// </summary>
    public async Task<(string? Ready, List<string> Answers)> ChatAsync(params string[] messages)
    {
        using var call = Calls.AsyncDuplexStreamingCall(GrpcEcho.Methods.Chat, null, Options());
        var headers = await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(5));
        var answers = new List<string>();
        foreach (var message in messages)
        {
            await call.RequestStream.WriteAsync(message);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), $"no answer to '{message}'");
            answers.Add(call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return (headers.GetValue("chat"), answers);
    }

    public void Dispose() => _channel.Dispose();

    private sealed class Authority(string? host) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (host is not null)
            {
                // On HTTP/2 the Host header becomes :authority.
                request.Headers.Host = host;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
