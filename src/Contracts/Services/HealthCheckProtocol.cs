namespace Mesh.Contracts.Services;

/// <summary>How an endpoint is probed.</summary>
/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.health-check-protocol")]
public enum HealthCheckProtocol
{
    /// <summary><c>GET {path}</c>; healthy when the status is within the expected range.</summary>
    Http,

    /// <summary>The gRPC health checking protocol (<c>grpc.health.v1.Health/Check</c>) over HTTP/2; healthy when <c>SERVING</c>.</summary>
    Grpc,

    /// <summary>A TCP connection to the endpoint's host and port; healthy when it connects.</summary>
    Tcp,
}
