using System.Collections.Concurrent;
using System.Collections.Immutable;
using Mesh.Contracts.Analytics;
using Mesh.Contracts.Proxies;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Analytics;

/// <summary>
/// What this proxy served, minute by minute: by route, service and consumer at an edge; by service for a sidecar's
/// outbound calls; by caller and service for the calls its inbound listener let in (the mesh's call graph). A service
/// is counted by the proxy that chose it, never again by the sidecar it reached, so mesh-wide sums count each request
/// once. <see cref="Take"/> hands the figures to the outcome reporter, which sends them to the analytics grains.
/// </summary>
internal sealed class ProxyAnalytics(IOptions<ProxyOptions> options, TimeProvider time) : IRequestRecordSink
{
    /// <summary>A tally this many minutes old is removed once taken: no request can still be adding to it.</summary>
    private const long SettledAfterMinutes = 2;

    private readonly ConcurrentDictionary<TallyKey, MinuteTally> _tallies = new();
    private readonly bool _edge = options.Value.Mode == ProxyMode.Edge;

    public bool Enabled { get; } = options.Value.Analytics;

    public bool ReadsDetail => false;

    public void Add(RequestRecord record)
    {
        var minute = MinuteFigures.MinuteOf(record.Time);
        if (record.Caller is { } caller)
        {
            Count(new TallyKey(AnalyticsKind.Call, caller, record.Service, minute), record);
            return;
        }

        if (_edge)
        {
            Count(new TallyKey(AnalyticsKind.Route, record.Route, null, minute), record);
            Count(new TallyKey(AnalyticsKind.Consumer, record.Consumer, null, minute), record);
        }

        Count(new TallyKey(AnalyticsKind.Service, record.Service, null, minute), record);
    }

    /// <summary>Everything counted since the last take.</summary>
    public ImmutableArray<AnalyticsTally> Take()
    {
        var settled = MinuteFigures.MinuteOf(time.GetUtcNow()) - SettledAfterMinutes;
        var tallies = ImmutableArray.CreateBuilder<AnalyticsTally>();
        foreach (var (key, tally) in _tallies)
        {
            // A settled tally leaves the table before its last take closes it: a request still adding to it then finds
            // it closed and counts into a new one, sent with the next take.
            var closing = key.Minute <= settled && _tallies.TryRemove(key, out _);
            if (tally.Take(closing) is { } figures)
            {
                tallies.Add(new AnalyticsTally(key.Kind, key.Name, figures));
            }
        }

        return tallies.ToImmutable();
    }

    private void Count(TallyKey key, RequestRecord record)
    {
        if (key.Key is null)
        {
            return;
        }

        MinuteTally tally;
        do
        {
            tally = _tallies.GetOrAdd(key, static k => new MinuteTally(k.Minute));
        }
        while (!tally.TryAdd(record.Status, record.DurationMs, record.BytesIn, record.BytesOut));
    }

    private readonly record struct TallyKey(AnalyticsKind Kind, string? Key, string? Service, long Minute)
    {
        public string Name => Service is null ? Key! : AnalyticsKeys.Call(Key!, Service);
    }
}
