using System.Collections.Immutable;
using Mesh.Contracts.Analytics;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Analytics;

/// <summary>
/// The keys of one kind that had traffic within the retention. A key's grain announces itself when it activates and
/// then hourly, so the directory is written a few times an hour per key, never per report.
/// </summary>
internal sealed class AnalyticsDirectoryGrain(
    [PersistentState("analytics-directory", StorageNames.Mesh)] IPersistentState<AnalyticsDirectoryState> state,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time) : Grain, IAnalyticsDirectoryGrain
{
    /// <summary>How stale a key's last announcement may be while it still has traffic: one announcement interval.</summary>
    public const long AnnounceSlackMinutes = 60;

    public async Task AddAsync(string key, long minute)
    {
        var changed = Forget();
        if (!state.State.Keys.TryGetValue(key, out var known) || known < minute)
        {
            state.State.Keys[key] = minute;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync(long sinceMinute) => Task.FromResult(state.State.Keys
        .Where(k => k.Value >= sinceMinute - AnnounceSlackMinutes)
        .Select(k => k.Key)
        .Order(StringComparer.Ordinal)
        .ToImmutableArray());

    /// <summary>Drops keys whose traffic is all past the retention; true when any went.</summary>
    private bool Forget()
    {
        var oldest = MinuteFigures.MinuteOf(time.GetUtcNow()) - AnalyticsRetention.Minutes - AnnounceSlackMinutes;
        var gone = state.State.Keys.Where(k => k.Value < oldest).Select(k => k.Key).ToList();
        foreach (var key in gone)
        {
            state.State.Keys.Remove(key);
        }

        return gone.Count > 0;
    }
}

[GenerateSerializer, Alias("mesh.analytics-directory-state")]
internal sealed class AnalyticsDirectoryState
{
    [Id(0)]
    public Dictionary<string, long> Keys { get; set; } = [];
}
