using System.Net.Sockets;
using System.Security.Authentication;
using Grpc.Core;
using Grpc.Health.V1;
using Mesh.Contracts.Validation;

namespace Mesh.Hosting.Health;

/// <summary>Words for what a probe found, as an operator would say them: <c>connection refused</c>, <c>timed out after 2s</c>.</summary>
internal static class ProbeFailures
{
    /// <summary>
    /// An exception a probe did not expect still fails the probe, named by its type and message: an endpoint
    /// that cannot be checked is not known to be healthy, and the reason then shows where operators look.
    /// </summary>
    public static string Describe(Exception exception, bool timedOut, TimeSpan timeout) => exception switch
    {
        OperationCanceledException or RpcException when timedOut => $"timed out after {Duration.Format(timeout)}",
        RpcException { InnerException: HttpRequestException or SocketException or IOException } rpc => Describe(rpc.InnerException!, timedOut, timeout),
        RpcException rpc => GrpcStatus(rpc.StatusCode),
        SocketException socket => Socket(socket.SocketErrorCode),
        HttpRequestException { InnerException: SocketException socket } => Socket(socket.SocketErrorCode),
        HttpRequestException { InnerException: AuthenticationException } => "TLS handshake failed",
        HttpRequestException { InnerException: IOException } => "connection closed before an answer",
        HttpRequestException http => http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host name not found",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse => "not an HTTP answer",
            HttpRequestError.VersionNegotiationError => "HTTP version refused",
            _ => "request failed",
        },
        IOException => "connection closed before an answer",
        _ => $"probe failed: {exception.GetType().Name}: {exception.Message}",
    };

    public static string ServingStatus(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };

    public static string GrpcStatus(StatusCode status) => status switch
    {
        StatusCode.Unimplemented => "UNIMPLEMENTED (no gRPC health service)",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.Unavailable => "UNAVAILABLE",
        _ => status.ToString(),
    };

    private static string Socket(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "connect timed out",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => $"socket error {error}",
    };
}
