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

    /// <summary>The JWT providers a token may come from (routes with auth jwt or apiKeyOrJwt); absent: any.</summary>
    public IReadOnlyList<string>? JwtProviders { get; init; }

    public AllowDocument? Allow { get; init; }

    public CorsDocument? Cors { get; init; }

    public FaultDocument? Fault { get; init; }

    public ValidateDocument? Validate { get; init; }

    public CacheDocument? Cache { get; init; }

    public long? Version { get; init; }
}

/// <summary>A shared HTTP cache at each edge for the route's GET and HEAD responses.</summary>
public sealed record CacheDocument
{
    /// <summary>Freshness for a response that says nothing about it; <c>0s</c> (default): such responses are not stored.</summary>
    public string? DefaultTtl { get; init; }

    /// <summary>No response stays fresh longer, whatever it says; default 1h.</summary>
    public string? MaxTtl { get; init; }

    /// <summary>Larger responses stream through unstored; default 1 MiB.</summary>
    public long? MaxBodyBytes { get; init; }

    /// <summary>Request headers that keep separate entries, as if every response named them in <c>Vary</c>.</summary>
    public IReadOnlyList<string>? VaryByHeaders { get; init; }

    /// <summary>A separate entry per consumer (the caller the edge identified).</summary>
    public bool? VaryByConsumer { get; init; }
}

/// <summary>What a request body must be for the edge to pass it on: one of these media types, and valid against the schema.</summary>
public sealed record ValidateDocument
{
    public IReadOnlyList<string>? ContentTypes { get; init; }

    /// <summary>A JSON Schema (draft 2020-12) the body must satisfy.</summary>
    public System.Text.Json.JsonElement? JsonSchema { get; init; }
}

/// <summary>Faults the edge injects on a share of a route's requests, to test how clients and services cope.</summary>
public sealed record FaultDocument
{
    public FaultAbortDocument? Abort { get; init; }

    public FaultDelayDocument? Delay { get; init; }

    /// <summary>Only requests carrying this header get faults; absent: every request may.</summary>
    public string? OnlyWithHeader { get; init; }
}

public sealed record FaultAbortDocument
{
    public double? Percent { get; init; }

    public int? Status { get; init; }
}

public sealed record FaultDelayDocument
{
    public double? Percent { get; init; }

    public string? Duration { get; init; }
}

/// <summary>Only these consumers, or members of these groups, may call the route.</summary>
public sealed record AllowDocument
{
    public IReadOnlyList<string>? Consumers { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }
}

public sealed record CorsDocument
{
    public IReadOnlyList<string>? AllowOrigins { get; init; }

    public IReadOnlyList<string>? AllowMethods { get; init; }

    public IReadOnlyList<string>? AllowHeaders { get; init; }

    public IReadOnlyList<string>? ExposeHeaders { get; init; }

    public bool? AllowCredentials { get; init; }

    public string? MaxAge { get; init; }
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

    /// <summary>The upstream path, built from the route's values: <c>/api/v2/{**rest}</c>.</summary>
    public string? PathPattern { get; init; }

    public string? QueryParameter { get; init; }

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
