using System.Collections.Concurrent;
using System.Net;
using Mesh.Contracts.Services;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// How one attempt talks to an endpoint: the HTTP version the service's protocol asks for, and the timeout (a gRPC
/// call's own <c>grpc-timeout</c> when it is shorter). One shared instance per configured (timeout, protocol); a call's
/// own deadline gets its own, never cached, so clients cannot grow the cache with deadlines of their choosing.
/// </summary>
internal sealed class UpstreamRequests
{
    private readonly ConcurrentDictionary<(TimeSpan, ServiceProtocol), ForwarderRequestConfig> _configs = new();

    /// <returns>The attempt's configuration, and whether its timeout is the client's own deadline.</returns>
    public (ForwarderRequestConfig Config, bool ClientDeadline) For(HttpContext context, TimeSpan timeout, ServiceProtocol protocol)
    {
        if (protocol == ServiceProtocol.Grpc && GrpcTimeout.Read(context.Request.Headers) is { } deadline && deadline < timeout)
        {
            return (Create(deadline, protocol), true);
        }

        return (_configs.GetOrAdd((timeout, protocol), static key => Create(key.Item1, key.Item2)), false);
    }

    private static ForwarderRequestConfig Create(TimeSpan timeout, ServiceProtocol protocol) => protocol == ServiceProtocol.Http1
        ? new ForwarderRequestConfig { ActivityTimeout = timeout, Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower }
        // Exact: on http addresses that is prior-knowledge h2c; on https, ALPN must agree on h2.
        : new ForwarderRequestConfig { ActivityTimeout = timeout, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
}
