using Grpc.Core;
using Mesh.Samples.Greeter.V1;
using Microsoft.Extensions.Options;

namespace Mesh.Samples.Greeter;

/// <summary>Greets whoever calls, naming this instance and the caller its sidecar verified.</summary>
internal sealed class GreeterService(IOptions<GreeterOptions> options, TimeProvider time) : V1.Greeter.GreeterBase
{
    private const int MaxGreetings = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
        Task.FromResult(Reply($"Hello, {NameOf(request)}!", context));

    public override async Task StreamGreetings(HelloRequest request, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        if (request.Count is < 0 or > MaxGreetings)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"count must be 1 to {MaxGreetings} (0 for 3)"));
        }

        var count = request.Count == 0 ? 3 : request.Count;
        for (var i = 1; i <= count; i++)
        {
            await responseStream.WriteAsync(Reply($"Hello #{i}, {NameOf(request)}!", context), context.CancellationToken);
            if (i < count)
            {
                await Task.Delay(Interval, time, context.CancellationToken);
            }
        }
    }

    private static string NameOf(HelloRequest request) => string.IsNullOrWhiteSpace(request.Name) ? "stranger" : request.Name;

    private HelloReply Reply(string message, ServerCallContext context) => new()
    {
        Message = message,
        Instance = options.Value.Instance,
        Caller = context.RequestHeaders.GetValue(MeshHeaders.Caller) ?? string.Empty,
    };
}
