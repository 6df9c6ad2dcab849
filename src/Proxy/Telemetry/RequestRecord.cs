namespace Mesh.Proxy.Telemetry;

/// <summary>
/// One finished request, as the access log and analytics take it. The middleware fills what it sees of every request;
/// the forwarder and the sidecar's inbound handler add what only they know (the service, the caller, endpoint and
/// upstream status, retries, the client's fault). It rides on the request as a feature, only while a sink is on.
/// </summary>
internal sealed class RequestRecord
{
    public DateTimeOffset Time { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string? Client { get; init; }

    public string? TraceId { get; init; }

    public string? Route { get; set; }

    public string? Service { get; set; }

    /// <summary>At a sidecar's inbound listener: the calling service, as its verified certificate names it.</summary>
    public string? Caller { get; set; }

    public string? Endpoint { get; set; }

    public int Status { get; set; }

    /// <summary>The last attempt's upstream status; null when no upstream answered (refused, cached, failed to connect).</summary>
    public int? UpstreamStatus { get; set; }

    public double DurationMs { get; set; }

    /// <summary>Time spent in upstream attempts, retries included.</summary>
    public double? UpstreamDurationMs { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    public string? Consumer { get; set; }

    public int Retries { get; set; }

    public string? Cache { get; set; }

    public string? Fault { get; set; }

    /// <summary><c>refused</c> when the route's rate limit answered 429.</summary>
    public string? RateLimit { get; set; }

    /// <summary>What the client did wrong, when it did (<c>client_closed</c>, <c>body_too_large</c>, …): never the upstream's fault.</summary>
    public string? ClientFault { get; set; }
}
