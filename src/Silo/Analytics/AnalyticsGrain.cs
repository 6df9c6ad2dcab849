using System.Collections.Immutable;
using Mesh.Contracts;
using Mesh.Contracts.Analytics;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Analytics;

/// <summary>
/// One key's minutes, merged from every proxy's reports as they arrive and kept for the retention. Storage is written
/// behind, at most once a minute and when the grain deactivates, so reports every few seconds from many proxies cost
/// one write a minute; a silo crash loses at most the last minute of this key.
/// </summary>
internal sealed class AnalyticsGrain(
    [PersistentState("analytics", StorageNames.Mesh)] IPersistentState<AnalyticsState> state,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time) : Grain, IAnalyticsGrain
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMinutes(1);

    /// <summary>The directory hears of a key at most this often; it keeps a key this much longer than the retention.</summary>
    private const long AnnounceEveryMinutes = AnalyticsDirectoryGrain.AnnounceSlackMinutes;

    /// <summary>How far ahead of the silo a proxy's clock may run and its minutes still be kept.</summary>
    private const long ClockSkewMinutes = 5;

    private readonly SortedDictionary<long, MinuteFigures> _minutes = [];
    private long? _announced;
    private bool _changed;
    private IGrainTimer? _writer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var figures in state.State.Minutes)
        {
            _minutes[figures.Minute] = figures;
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteIfChangedAsync(cancellationToken);

    public async Task AddAsync(ImmutableArray<MinuteFigures> minutes)
    {
        var now = MinuteFigures.MinuteOf(time.GetUtcNow());
        foreach (var figures in minutes)
        {
            if (figures.Minute <= now - AnalyticsRetention.Minutes || figures.Minute > now + ClockSkewMinutes)
            {
                continue;
            }

            _minutes[figures.Minute] = _minutes.TryGetValue(figures.Minute, out var known) ? known.Add(figures) : figures;
            _changed = true;
        }

        ForgetBefore(now - AnalyticsRetention.Minutes);
        _writer ??= this.RegisterGrainTimer(WriteIfChangedAsync, new GrainTimerCreationOptions(WriteEvery, WriteEvery));
        if (_announced is not { } announced || now - announced >= AnnounceEveryMinutes)
        {
            var (kind, key) = GrainKeys.ParseAnalytics(this.GetPrimaryKeyString());
            await GrainFactory.GetGrain<IAnalyticsDirectoryGrain>(kind).AddAsync(key, now);
            _announced = now;
        }
    }

    public Task<ImmutableArray<MinuteFigures>> GetAsync(long fromMinute, long toMinute)
    {
        ForgetBefore(MinuteFigures.MinuteOf(time.GetUtcNow()) - AnalyticsRetention.Minutes);
        return Task.FromResult(_minutes.Where(m => m.Key >= fromMinute && m.Key <= toMinute).Select(m => m.Value).ToImmutableArray());
    }

    private void ForgetBefore(long oldest)
    {
        while (_minutes.Count > 0 && _minutes.First().Key <= oldest)
        {
            _minutes.Remove(_minutes.First().Key);
            _changed = true;
        }
    }

    private async Task WriteIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!_changed)
        {
            return;
        }

        state.State.Minutes = [.. _minutes.Values];
        await state.WriteStateAsync(cancellationToken);
        _changed = false;
    }
}

[GenerateSerializer, Alias("mesh.analytics-state")]
internal sealed class AnalyticsState
{
    [Id(0)]
    public ImmutableArray<MinuteFigures> Minutes { get; set; } = [];
}
