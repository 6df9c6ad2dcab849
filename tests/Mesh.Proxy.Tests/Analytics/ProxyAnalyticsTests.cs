using Mesh.Contracts.Analytics;
using Mesh.Proxy.Analytics;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Proxy.Tests.Analytics;

public sealed class ProxyAnalyticsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ARequestEndingAfterItsMinutesTallyWasSettledAndTaken_IsSentWithTheNextTake()
    {
        var analytics = new ProxyAnalytics(Options.Create(new ProxyOptions()), _time);
        var started = _time.GetUtcNow();
        analytics.Add(Record(started, "orders"));
        _time.Advance(TimeSpan.FromMinutes(3));

        var first = analytics.Take();
        analytics.Add(Record(started, "orders"));
        var second = analytics.Take();
        var third = analytics.Take();

        var minute = MinuteFigures.MinuteOf(started);
        Assert.Equal(1, Requests(first, AnalyticsKind.Route, "orders", minute));
        Assert.Equal(1, Requests(second, AnalyticsKind.Route, "orders", minute));
        Assert.Empty(third);
    }

    [Fact]
    public void AClosedTally_RefusesAdds_AndKeepsWhatItCountedBefore()
    {
        var tally = new MinuteTally(7);
        Assert.True(tally.TryAdd(200, 12, 10, 20));

        var last = tally.Take(close: true);

        Assert.Equal(1, last?.Requests);
        Assert.False(tally.TryAdd(200, 12, 10, 20));
        Assert.Null(tally.Take());
    }

    private static RequestRecord Record(DateTimeOffset at, string route) =>
        new() { Time = at, Method = "GET", Path = "/", Route = route, Service = route, Status = 200, DurationMs = 5 };

    private static long Requests(IEnumerable<AnalyticsTally> tallies, AnalyticsKind kind, string key, long minute) =>
        tallies.Where(t => t.Kind == kind && t.Key == key && t.Figures.Minute == minute).Sum(t => t.Figures.Requests);
}
