using System.Collections.Immutable;

namespace Mesh.Contracts.Analytics;

/// <summary>Where proxies send their analytics reports: a stateless worker on each silo hands every tally to its key's grain.</summary>
[Alias("mesh.analytics-intake")]
public interface IAnalyticsIntakeGrain : IGrainWithIntegerKey
{
    [Alias("report")]
    Task ReportAsync(AnalyticsReport report);
}

/// <summary>
/// Keyed by <see cref="GrainKeys.Analytics"/>: one key's figures per minute, merged from every proxy's reports and
/// kept for <see cref="AnalyticsRetention.Minutes"/> minutes.
/// </summary>
[Alias("mesh.analytics")]
public interface IAnalyticsGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task AddAsync(ImmutableArray<MinuteFigures> minutes);

    /// <summary>The minutes from <paramref name="fromMinute"/> to <paramref name="toMinute"/> (both included) that saw traffic, oldest first.</summary>
    [Alias("get")]
    Task<ImmutableArray<MinuteFigures>> GetAsync(long fromMinute, long toMinute);
}

/// <summary>Keyed by the kind's name: the keys of that kind that had traffic within the retention, so a query knows which grains to ask.</summary>
[Alias("mesh.analytics-directory")]
public interface IAnalyticsDirectoryGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task AddAsync(string key, long minute);

    [Alias("list")]
    Task<ImmutableArray<string>> ListAsync(long sinceMinute);
}
