using Grpc.Core;
using Mesh.Bench.Cluster;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mesh.Bench.Backends;

/// <summary>
/// The gRPC backend of the gRPC benchmark: in-process Kestrel, cleartext HTTP/2 only, one unary method
/// <c>mesh.bench.Echo/Say</c> that answers the bytes it got. Bound by hand (a raw-bytes marshaller needs no generated code).
/// </summary>
internal sealed class GrpcEchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcEchoBackend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public static Method<byte[], byte[]> Say { get; } = new(MethodType.Unary, "mesh.bench.Echo", "Say", Bytes, Bytes);

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    private static Marshaller<byte[]> Bytes => Marshallers.Create(static b => b, static b => b);

    public static async Task<GrpcEchoBackend> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        await app.StartAsync(cancellationToken);
        return new GrpcEchoBackend(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Grpc.AspNetCore binds virtual methods of the type carrying the attribute, by name: hence not sealed.</summary>
    [BindServiceMethod(typeof(EchoService), nameof(BindService))]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "Grpc.AspNetCore binds only virtual methods")]
    internal class EchoService
    {
        public virtual Task<byte[]> Say(byte[] request, ServerCallContext context) => Task.FromResult(request);

        public static void BindService(ServiceBinderBase binder, EchoService? service) =>
            binder.AddMethod(GrpcEchoBackend.Say, (service ?? new EchoService()).Say);
    }
}
