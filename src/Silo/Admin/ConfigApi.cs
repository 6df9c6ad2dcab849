using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Validation;
using Mesh.Silo.Admin.Configuration;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Configuration as a whole: read it, apply a document of it in one version (or preview that), its history, diffs and rollback.</summary>
internal static class ConfigApi
{
    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/", GetAsync).WithSummary("Get the whole configuration as one document").Produces<ConfigDocument>();
        config.MapPost("/apply", ApplyAsync).WithSummary("Make the configuration equal a document, in one version (or preview it with dryRun)")
            .Accepts<ConfigDocument>("application/json", "application/yaml")
            .Produces<ApplyDocument>()
            .ProducesValidationProblem();
        config.MapGet("/history", HistoryAsync).WithSummary("List configuration versions, newest first").Produces<HistoryItemDocument[]>();
        config.MapGet("/history/{version}", VersionAsync).WithSummary("Get the configuration as it was at a version")
            .Produces<ConfigDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        config.MapGet("/diff", DiffAsync).WithSummary("What changed from one version to another")
            .Produces<DiffDocument>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        config.MapPost("/rollback/{version}", RollbackAsync).WithSummary("Make a new version whose configuration equals an earlier one")
            .Produces<ApplyDocument>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains)
    {
        var documents = await grains.Catalog().GetConfigAsync();
        return Results.Json(ConfigDocumentWriter.Write(documents), AdminJson.Options);
    }

    private static async Task<IResult> ApplyAsync(HttpContext http, IGrainFactory grains, bool? prune, bool? dryRun)
    {
        var (document, problem) = await JsonBody.ReadAsync<ConfigDocument>(http.Request, yaml: true);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var puts = ConfigDocumentReader.Read(document!, errors);
        var commit = new ConfigCommit(puts, [], ReplaceAll: prune ?? true, ChangeSource.Apply, dryRun ?? false);
        if (!errors.IsEmpty)
        {
            // Every error at once: what the catalog would refuse too (references), checked by a dry run of the rest.
            var references = await grains.Catalog().CommitAsync(commit with { DryRun = true });
            var all = errors.ToDictionary().Concat(references.Errors.Select(e => KeyValuePair.Create(e.Key, e.Value.ToArray())))
                .GroupBy(e => e.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            return AdminResults.Invalid(all);
        }

        return Answer(http, await grains.Catalog().CommitAsync(commit), dryRun ?? false);
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, IGrainFactory grains)
    {
        var history = await grains.Catalog().GetHistoryAsync();
        return Results.Ok(history.Select(HistoryItemDocument.From).ToArray());
    }

    private static async Task<IResult> VersionAsync(long version, HttpContext http, IGrainFactory grains) =>
        await grains.Catalog().GetConfigAtAsync(version) is { } documents
            ? Results.Json(ConfigDocumentWriter.Write(documents), AdminJson.Options)
            : AdminResults.NotFound($"configuration version {version}");

    private static async Task<IResult> DiffAsync(HttpContext http, IGrainFactory grains, string? from, string? to)
    {
        var errors = new ValidationErrors();
        var (start, end) = (Version(from, "from", errors), Version(to, "to", errors));
        if (!errors.IsEmpty)
        {
            return AdminResults.Invalid(errors);
        }

        return await grains.Catalog().DiffAsync(start, end) is { } changes
            ? Results.Ok(new DiffDocument { Changes = [.. changes.Select(ChangeDocument.From)] })
            : AdminResults.NotFound($"configuration version {start} or {end}");
    }

    private static async Task<IResult> RollbackAsync(long version, HttpContext http, IGrainFactory grains) =>
        await grains.Catalog().RollbackAsync(version) is { } result
            ? Answer(http, result, dryRun: false)
            : AdminResults.NotFound($"configuration version {version}");

    private static IResult Answer(HttpContext http, CommitResult result, bool dryRun)
    {
        return result.Outcome == WriteOutcome.Applied
            ? Results.Ok(new ApplyDocument { Version = result.Version, DryRun = dryRun, Changes = [.. result.Changes.Select(ChangeDocument.From)] })
            : AdminResults.Write(http, result.AsWriteResult(), "configuration", null);
    }

    private static long Version(string? text, string field, ValidationErrors errors)
    {
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            errors.Add(field, "is required: a configuration version from /config/history");
        }

        return version;
    }
}

/// <summary>The answer to an apply or a rollback: the version after it and what changed (or, for a dry run, would).</summary>
internal sealed record ApplyDocument
{
    public required long Version { get; init; }

    public required bool DryRun { get; init; }

    public required IReadOnlyList<ChangeDocument> Changes { get; init; }
}

internal sealed record DiffDocument
{
    public required IReadOnlyList<ChangeDocument> Changes { get; init; }
}

/// <summary><c>{ "kind": "route", "name": "orders", "change": "update", "fields": ["backends[0].weight"] }</c>.</summary>
internal sealed record ChangeDocument
{
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string Change { get; init; }

    public required IReadOnlyList<string> Fields { get; init; }

    public static ChangeDocument From(ResourceChangeSummary change) => new()
    {
        Kind = change.Key.Kind,
        Name = change.Key.Name,
        Change = EnumNames<ChangeKind>.Name(change.Change),
        Fields = change.Fields,
    };
}

internal sealed record HistoryItemDocument
{
    public required long Version { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Source { get; init; }

    public required int Changes { get; init; }

    public static HistoryItemDocument From(ConfigHistoryItem item) => new()
    {
        Version = item.Version,
        At = item.At,
        Source = EnumNames<ChangeSource>.Name(item.Source),
        Changes = item.Changes,
    };
}
