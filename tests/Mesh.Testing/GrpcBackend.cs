using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesh.Testing;

/// <summary>
/// A real gRPC server on a free loopback port, cleartext HTTP/2 only (prior knowledge, as gRPC services run
/// behind a mesh), serving <see cref="GrpcEcho"/> (a call of each of the four kinds) and the standard health checking
/// protocol (<c>grpc.health.v1.Health</c>) unless started without it. Its overall status can be changed at runtime.
/// </summary>
public sealed class GrpcBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HealthServiceImpl _health = new();

    private GrpcBackend(int port, bool withHealthService)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_health);
        _app = builder.Build();
        _app.MapGrpcService<GrpcEcho>();
        if (withHealthService)
        {
            _app.MapGrpcService<HealthServiceImpl>();
        }

        SetStatus(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<GrpcBackend> StartAsync(bool withHealthService = true)
    {
        var backend = new GrpcBackend(FreePort.Next(), withHealthService);
        await backend._app.StartAsync();
        return backend;
    }

    /// <summary>The status the health service answers for the server as a whole (service name "").</summary>
    public void SetStatus(HealthCheckResponse.Types.ServingStatus status) => _health.SetStatus(string.Empty, status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
