namespace Mesh.Contracts.Endpoints;

/// <summary>The JSON shape of an endpoint. <c>id</c>, <c>service</c>, <c>health</c>, <c>lastHeartbeat</c>,
/// <c>ejectedUntil</c>, <c>lastProbe</c> and <c>version</c> are read-only and ignored on input.</summary>
public sealed record EndpointDocument
{
    public string? Id { get; init; }

    public string? Service { get; init; }

    public string? Address { get; init; }

    public int? Weight { get; init; }

    public string? Zone { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public string? Ttl { get; init; }

    public string? Health { get; init; }

    public DateTimeOffset? LastHeartbeat { get; init; }

    public DateTimeOffset? EjectedUntil { get; init; }

    public ProbeDocument? LastProbe { get; init; }

    public long? Version { get; init; }
}

/// <summary>The latest health check of an endpoint: when, and what it found (<c>GET /healthz → 404</c>).</summary>
public sealed record ProbeDocument
{
    public DateTimeOffset? At { get; init; }

    public string? Result { get; init; }
}
