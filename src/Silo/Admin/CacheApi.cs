using Mesh.Contracts;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Proxies;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Mesh-wide cache purges: recorded by the catalog, pushed to every edge, and shown with the edges that applied them.</summary>
internal static class CacheApi
{
    private const int MaxPathPrefix = 2048;

    public static RouteGroupBuilder MapCacheApi(this RouteGroupBuilder api)
    {
        var cache = api.MapGroup("/cache").WithTags("Cache");
        cache.MapPost("/purge", PurgeAsync)
            .WithSummary("Drop stored responses on every edge: of one route, under one path prefix, or everything")
            .Accepts<CachePurgeRequestDocument>("application/json")
            .Produces<CachePurgeDocument>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        cache.MapGet("/purges/{id}", GetAsync)
            .WithSummary("A purge and the edges that have applied it")
            .Produces<CachePurgeDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> PurgeAsync(HttpRequest request, IGrainFactory grains)
    {
        var (document, problem) = await JsonBody.ReadAsync<CachePurgeRequestDocument>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        if (document!.Route is { } route && !(await grains.Catalog().GetSnapshotAsync()).Routes.ContainsKey(route))
        {
            errors.Add("route", $"no route named '{route}'");
        }

        if (document.PathPrefix is { } prefix && (!prefix.StartsWith('/') || prefix.Length > MaxPathPrefix))
        {
            errors.Add("pathPrefix", $"must be a path starting with '/', at most {MaxPathPrefix} characters");
        }

        if (!errors.IsEmpty)
        {
            return AdminResults.Invalid(errors);
        }

        var purge = await grains.Catalog().PurgeCacheAsync(document.Route, document.PathPrefix);
        return Results.Accepted($"{AdminApiHosting.ApiPrefix}/v1/cache/purges/{purge.Id}", await DescribeAsync(grains, purge));
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        await grains.Catalog().GetCachePurgeAsync(id) is { } purge ? Results.Ok(await DescribeAsync(grains, purge)) : AdminResults.NotFound($"cache purge '{id}'");

    /// <summary>An edge that serves the purge's version (or a later one) has applied it: versions are applied in order, purges with them.</summary>
    private static async Task<CachePurgeDocument> DescribeAsync(IGrainFactory grains, CachePurge purge)
    {
        var edges = (await grains.GetGrain<IProxyDirectoryGrain>(GrainKeys.ProxyDirectory).ListAsync())
            .Where(p => p.Report.Mode == ProxyMode.Edge)
            .ToList();
        return new CachePurgeDocument
        {
            Id = purge.Id,
            Route = purge.Route,
            PathPrefix = purge.PathPrefix,
            At = purge.At,
            SnapshotVersion = purge.Version,
            AppliedBy = [.. edges.Where(p => p.Report.AppliedVersion >= purge.Version).Select(p => p.Report.Id).Order(StringComparer.Ordinal)],
            Pending = [.. edges.Where(p => p.Report.AppliedVersion < purge.Version).Select(p => p.Report.Id).Order(StringComparer.Ordinal)],
        };
    }
}

/// <summary>What to purge: a route's stored responses (absent: every route's) whose path starts with the prefix (absent: all).</summary>
internal sealed record CachePurgeRequestDocument
{
    public string? Route { get; init; }

    public string? PathPrefix { get; init; }
}

internal sealed record CachePurgeDocument
{
    public required string Id { get; init; }

    public string? Route { get; init; }

    public string? PathPrefix { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The snapshot version that carries the purge: an edge reporting it (or later) has applied it.</summary>
    public long SnapshotVersion { get; init; }

    /// <summary>Edges that have applied the purge.</summary>
    public required IReadOnlyList<string> AppliedBy { get; init; }

    /// <summary>Edges known to the control plane that have not reported it yet.</summary>
    public required IReadOnlyList<string> Pending { get; init; }
}
