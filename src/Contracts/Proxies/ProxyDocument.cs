namespace Mesh.Contracts.Proxies;

/// <summary>A connected proxy as <c>GET /api/v1/proxies</c> shows it. <c>converged</c>: it applied the current configuration version.</summary>
public sealed record ProxyDocument
{
    public required string Id { get; init; }

    public required string Mode { get; init; }

    public required string Address { get; init; }

    /// <summary>The service name its mesh identity speaks for: how its calls appear in <c>groupBy=call</c>.</summary>
    public string? Identity { get; init; }

    /// <summary>The configuration version (commit) the proxy serves.</summary>
    public required long AppliedVersion { get; init; }

    /// <summary>The snapshot version it serves: the configuration and the endpoint state it last took.</summary>
    public required long SnapshotVersion { get; init; }

    public required bool Converged { get; init; }

    public string? LastError { get; init; }

    public required DateTimeOffset LastSeen { get; init; }
}
