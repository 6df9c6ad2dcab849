using System.Collections.Immutable;
using Mesh.Contracts;
using Mesh.Contracts.Analytics;
using System.Text.Json.Serialization;
using Mesh.Contracts.Validation;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Admin;

/// <summary>Mesh-wide usage from every proxy's reports: per key, per minute, for the last 24 hours.</summary>
internal static class AnalyticsApi
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromMinutes(AnalyticsRetention.Minutes);

    private static readonly IReadOnlyDictionary<string, AnalyticsKind> KindNames = Enum.GetValues<AnalyticsKind>().ToDictionary(AnalyticsKeys.KindName, StringComparer.Ordinal);

    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics", GetAsync)
            .WithTags("Analytics")
            .WithSummary("Requests, status classes, latency percentiles and bytes per route, service, consumer or call, over a window")
            .Produces<AnalyticsRowDocument[]>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(
        IGrainFactory grains,
        [FromKeyedServices(MeshTime.Key)] TimeProvider time,
        string? groupBy = null,
        string? window = null,
        string? series = null,
        string? key = null)
    {
        var errors = new ValidationErrors();
        var kind = AnalyticsKind.Route;
        if (groupBy is not null && !KindNames.TryGetValue(groupBy, out kind))
        {
            errors.Add("groupBy", $"must be one of {string.Join(" | ", KindNames.Keys)}");
        }

        var span = DefaultWindow;
        if (window is not null && (!Duration.TryParse(window, out span) || span < TimeSpan.FromMinutes(1) || span > MaxWindow))
        {
            errors.Add("window", $"{Duration.FormatHint}, from 1m to {Duration.Format(MaxWindow)}");
        }

        var withSeries = false;
        if (series is not null && !bool.TryParse(series, out withSeries))
        {
            errors.Add("series", "must be true or false");
        }

        if (!errors.IsEmpty)
        {
            return AdminResults.Invalid(errors);
        }

        var to = MinuteFigures.MinuteOf(time.GetUtcNow());
        var from = to - (long)Math.Ceiling(span.TotalMinutes) + 1;
        var keys = key is not null ? [key] : await grains.GetGrain<IAnalyticsDirectoryGrain>(AnalyticsKeys.KindName(kind)).ListAsync(from);
        var rows = await Task.WhenAll(keys.Select(async k => (Key: k, Minutes: await grains.GetGrain<IAnalyticsGrain>(GrainKeys.Analytics(kind, k)).GetAsync(from, to))));
        return Results.Ok(rows
            .Where(r => !r.Minutes.IsEmpty)
            .Select(r => new AnalyticsRowDocument(kind, r.Key, r.Minutes, withSeries))
            .OrderByDescending(r => r.Requests)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToArray());
    }
}

/// <summary>One key's figures over the window; <see cref="Minutes"/> only when asked for with <c>series=true</c>.</summary>
internal sealed record AnalyticsRowDocument : AnalyticsFiguresDocument
{
    public AnalyticsRowDocument(AnalyticsKind kind, string key, ImmutableArray<MinuteFigures> minutes, bool series)
        : base(minutes.Aggregate(MinuteFigures.Empty(minutes[0].Minute), (sum, m) => sum.Add(m)))
    {
        Key = key;
        if (kind == AnalyticsKind.Call && AnalyticsKeys.TrySplitCall(key, out var from, out var to))
        {
            (From, To) = (from, to);
        }

        Minutes = series ? [.. minutes.Select(m => new AnalyticsMinuteDocument(m))] : null;
    }

    [JsonPropertyOrder(-1)]
    public string Key { get; }

    /// <summary>For <c>groupBy=call</c>: the calling service.</summary>
    public string? From { get; }

    /// <summary>For <c>groupBy=call</c>: the called service.</summary>
    public string? To { get; }

    public IReadOnlyList<AnalyticsMinuteDocument>? Minutes { get; }
}

internal sealed record AnalyticsMinuteDocument : AnalyticsFiguresDocument
{
    public AnalyticsMinuteDocument(MinuteFigures figures)
        : base(figures) => At = MinuteFigures.StartOf(figures.Minute);

    [JsonPropertyOrder(-1)]
    public DateTimeOffset At { get; }
}

/// <summary>The figures the contract names. Percentiles are within 2 % (LatencySketch.RelativeAccuracy) of what the proxies measured; null without traffic.</summary>
internal abstract record AnalyticsFiguresDocument
{
    protected AnalyticsFiguresDocument(MinuteFigures figures)
    {
        Requests = figures.Requests;
        Status2xx = figures.Status2xx;
        Status3xx = figures.Status3xx;
        Status4xx = figures.Status4xx;
        Status5xx = figures.Status5xx;
        P50Ms = Milliseconds(figures.Latency.Quantile(0.50));
        P95Ms = Milliseconds(figures.Latency.Quantile(0.95));
        P99Ms = Milliseconds(figures.Latency.Quantile(0.99));
        BytesIn = figures.BytesIn;
        BytesOut = figures.BytesOut;
    }

    public long Requests { get; }

    public long Status2xx { get; }

    public long Status3xx { get; }

    public long Status4xx { get; }

    public long Status5xx { get; }

    public double? P50Ms { get; }

    public double? P95Ms { get; }

    public double? P99Ms { get; }

    public long BytesIn { get; }

    public long BytesOut { get; }

    private static double? Milliseconds(double? value) => value is { } ms ? Math.Round(ms, 3) : null;
}
