using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;

namespace Mesh.Hosting.Health;

/// <summary>
/// One health check of one address, as a service's <see cref="HealthCheckSpec"/> says: <c>GET {path}</c> within
/// the expected statuses, the gRPC health checking protocol, or a TCP connect. The result says what was tried
/// and what came back (<c>GET /healthz → 404</c>), so an operator reading why an endpoint is out need not guess.
/// The silo probes plain endpoints with it, and a sidecar the app beside it.
/// </summary>
public sealed class EndpointProber : IDisposable
{
    /// <summary>What a probe reads of a response body before it lets the connection go: health answers are small.</summary>
    private const int MaxBodyRead = 64 * 1024;

    private static readonly HealthCheckRequest AnyService = new();

    private readonly TimeProvider _time;
    private readonly SocketsHttpHandler _handler = new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    private readonly HttpMessageInvoker _http;

    /// <summary>
    /// The shared handler as a client: a gRPC channel given a handler reconfigures it (even behind delegating
    /// handlers), which a handler that has already sent requests refuses; a client it takes as it is.
    /// </summary>
    private readonly HttpClient _grpcClient;

    public EndpointProber(TimeProvider time)
    {
        _time = time;
        _http = new HttpMessageInvoker(_handler, disposeHandler: false);
        _grpcClient = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<ProbeResult> ProbeAsync(Uri address, HealthCheckSpec check, CancellationToken cancellationToken)
    {
        var what = Describe(check);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(check.Timeout);
        bool passed;
        string found;
        try
        {
            (passed, found) = check.Protocol switch
            {
                HealthCheckProtocol.Grpc => await GrpcAsync(address, deadline.Token),
                HealthCheckProtocol.Tcp => await TcpAsync(address, deadline.Token),
                _ => await HttpAsync(address, check, deadline.Token),
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            (passed, found) = (false, ProbeFailures.Describe(e, deadline.IsCancellationRequested, check.Timeout));
        }

        return new ProbeResult(_time.GetUtcNow(), passed, $"{what} → {found}");
    }

    public void Dispose()
    {
        _http.Dispose();
        _grpcClient.Dispose();
        _handler.Dispose();
    }

    private static string Describe(HealthCheckSpec check) => check.Protocol switch
    {
        HealthCheckProtocol.Grpc => "gRPC Health/Check",
        HealthCheckProtocol.Tcp => "TCP connect",
        _ => $"GET {check.Path}",
    };

    private async Task<(bool, string)> HttpAsync(Uri address, HealthCheckSpec check, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, check.Path));
        using var response = await _http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;

        // Reading the (small) body lets the connection be reused by the next probe rather than reset.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[4096];
        for (var read = 0; read < MaxBodyRead;)
        {
            var chunk = await body.ReadAsync(buffer, cancellationToken);
            if (chunk == 0)
            {
                break;
            }

            read += chunk;
        }

        return (check.Expects(status), status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<(bool, string)> GrpcAsync(Uri address, CancellationToken cancellationToken)
    {
        // The channel borrows the shared client, so a channel per probe costs no connection of its own.
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = _grpcClient, DisposeHttpClient = false });
        var response = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(AnyService, cancellationToken: cancellationToken);
        return (response.Status == HealthCheckResponse.Types.ServingStatus.Serving, ProbeFailures.ServingStatus(response.Status));
    }

    private static async Task<(bool, string)> TcpAsync(Uri address, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.IdnHost, address.Port, cancellationToken);
        return (true, "connected");
    }
}
