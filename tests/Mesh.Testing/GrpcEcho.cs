using System.Text;
using Grpc.Core;

namespace Mesh.Testing;

/// <summary>
/// <c>mesh.test.Echo</c>: one method of each gRPC call kind over UTF-8 text messages, bound by hand (a marshaller
/// of raw bytes needs no generated code). The server answers what it read, so a test sees every message arrive whole.
/// The callers know the methods from <see cref="Methods"/>. Not sealed, and its handlers virtual: Grpc.AspNetCore
/// binds only virtual methods declared on the type that carries <see cref="BindServiceMethodAttribute"/>.
/// </summary>
[BindServiceMethod(typeof(GrpcEcho), nameof(BindService))]
public class GrpcEcho
{
    public const string ServiceName = "mesh.test.Echo";

    public virtual Task<string> Say(string message, ServerCallContext context) => Task.FromResult($"echo: {message}");

    /// <summary>Answers after the request's "delay-ms" header, unless the call is cancelled first.</summary>
    public virtual async Task<string> Slow(string message, ServerCallContext context)
    {
        await Task.Delay(int.Parse(context.RequestHeaders.GetValue("delay-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture), context.CancellationToken);
        return $"late: {message}";
    }

    /// <summary>Sends "{message} 1" … "{message} n" for n in the request's "count" header, 50 ms apart.</summary>
    public virtual async Task Repeat(string message, IServerStreamWriter<string> responses, ServerCallContext context)
    {
        var count = int.Parse(context.RequestHeaders.GetValue("count") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i <= count; i++)
        {
            await responses.WriteAsync($"{message} {i}", context.CancellationToken);
            await Task.Delay(50, context.CancellationToken);
        }
    }

    public virtual async Task<string> Collect(IAsyncStreamReader<string> requests, ServerCallContext context)
    {
        var all = new List<string>();
        await foreach (var message in requests.ReadAllAsync(context.CancellationToken))
        {
            all.Add(message);
        }

        return string.Join(",", all);
    }

    /// <summary>Sends its response headers before reading anything, then answers each message as it comes.</summary>
    public virtual async Task Chat(IAsyncStreamReader<string> requests, IServerStreamWriter<string> responses, ServerCallContext context)
    {
        await context.WriteResponseHeadersAsync(new Metadata { { "chat", "ready" } });
        await foreach (var message in requests.ReadAllAsync(context.CancellationToken))
        {
            await responses.WriteAsync($"echo: {message}", context.CancellationToken);
        }
    }

    public static void BindService(ServiceBinderBase binder, GrpcEcho? service)
    {
        // Grpc.AspNetCore binds by method name and activates a service per call: the handlers only name the methods.
        var echo = service ?? new GrpcEcho();
        binder.AddMethod(Methods.Say, echo.Say);
        binder.AddMethod(Methods.Slow, echo.Slow);
        binder.AddMethod(Methods.Repeat, echo.Repeat);
        binder.AddMethod(Methods.Collect, echo.Collect);
        binder.AddMethod(Methods.Chat, echo.Chat);
    }

    public static class Methods
    {
        private static readonly Marshaller<string> Text = Marshallers.Create(Encoding.UTF8.GetBytes, Encoding.UTF8.GetString);

        public static Method<string, string> Say { get; } = new(MethodType.Unary, ServiceName, nameof(Say), Text, Text);

        public static Method<string, string> Slow { get; } = new(MethodType.Unary, ServiceName, nameof(Slow), Text, Text);

        public static Method<string, string> Repeat { get; } = new(MethodType.ServerStreaming, ServiceName, nameof(Repeat), Text, Text);

        public static Method<string, string> Collect { get; } = new(MethodType.ClientStreaming, ServiceName, nameof(Collect), Text, Text);

        public static Method<string, string> Chat { get; } = new(MethodType.DuplexStreaming, ServiceName, nameof(Chat), Text, Text);
    }
}
