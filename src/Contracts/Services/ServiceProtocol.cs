namespace Mesh.Contracts.Services;

/// <summary>How proxies talk to a service's endpoints.</summary>
/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.service-protocol")]
public enum ServiceProtocol
{
    /// <summary>HTTP/1.1.</summary>
    Http1,

    /// <summary>HTTP/2: with prior knowledge (h2c) on <c>http</c> addresses, negotiated by ALPN on <c>https</c> ones.</summary>
    Http2,

    /// <summary>gRPC: HTTP/2 as <see cref="Http2"/>, and the errors a proxy makes are gRPC errors.</summary>
    Grpc,
}
