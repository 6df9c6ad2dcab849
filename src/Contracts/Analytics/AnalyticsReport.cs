using System.Collections.Immutable;

namespace Mesh.Contracts.Analytics;

/// <summary>One key's figures for one minute from one proxy.</summary>
[GenerateSerializer, Immutable, Alias("mesh.analytics-tally")]
public sealed record AnalyticsTally(
    [property: Id(0)] AnalyticsKind Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] MinuteFigures Figures);

/// <summary>What a proxy served since its last report, sent with its outcome reports every few seconds.</summary>
[GenerateSerializer, Immutable, Alias("mesh.analytics-report")]
public sealed record AnalyticsReport(
    [property: Id(0)] string ProxyId,
    [property: Id(1)] ImmutableArray<AnalyticsTally> Tallies);
