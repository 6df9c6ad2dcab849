namespace Mesh.Contracts.Routes;

/// <summary>The JSON shape of a route in the admin API. <c>id</c> and <c>version</c> are read-only.</summary>
public sealed record RouteDocument
{
    public string? Id { get; init; }

    public RouteMatchDocument? Match { get; init; }

    public IReadOnlyList<BackendDocument>? Backends { get; init; }

    public IReadOnlyList<TransformDocument>? Transforms { get; init; }

    public string? RateLimit { get; init; }

    public string? Auth { get; init; }

    public string? Timeout { get; init; }

    public MirrorDocument? Mirror { get; init; }

    public int? Order { get; init; }

    /// <summary>Larger request bodies are refused with 413; absent, bodies stream with no limit.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    public long? Version { get; init; }
}

public sealed record RouteMatchDocument
{
    public IReadOnlyList<string>? Hosts { get; init; }

    public string? Path { get; init; }

    public IReadOnlyList<string>? Methods { get; init; }

    public IReadOnlyList<MatchConditionDocument>? Headers { get; init; }

    public IReadOnlyList<MatchConditionDocument>? Query { get; init; }
}

/// <summary>A header or query condition; <c>mode</c> is exact (default), prefix or exists.</summary>
public sealed record MatchConditionDocument
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    public string? Mode { get; init; }
}

public sealed record BackendDocument
{
    public string? Service { get; init; }

    public int? Weight { get; init; }
}

/// <summary>
/// One rewrite: <c>{"pathRemovePrefix": "/orders"}</c>, <c>{"pathPrefix": "/v2"}</c>,
/// <c>{"requestHeader": "x-from", "set": "edge"}</c>, <c>{"responseHeader": "server", "remove": true}</c>.
/// </summary>
public sealed record TransformDocument
{
    public string? PathRemovePrefix { get; init; }

    public string? PathPrefix { get; init; }

    public string? RequestHeader { get; init; }

    public string? ResponseHeader { get; init; }

    public string? Set { get; init; }

    public bool? Remove { get; init; }
}

public sealed record MirrorDocument
{
    public string? Service { get; init; }

    public int? Percent { get; init; }
}
