using Mesh.Contracts;
using Mesh.Contracts.Analytics;
using Mesh.Silo.Tests.Harness;

namespace Mesh.Silo.Tests.Analytics;

/// <summary>Proxies' reports merged per key and minute, found through the kind's directory, and forgotten after the retention.</summary>
public sealed class AnalyticsGrainTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    [Fact]
    public async Task ReportsFromTwoProxies_AddUpPerMinute_AndTheDirectoryListsTheKey()
    {
        var now = MinuteFigures.MinuteOf(fixture.Time.GetUtcNow());
        var intake = fixture.Client.GetGrain<IAnalyticsIntakeGrain>(0);

        await intake.ReportAsync(new AnalyticsReport("edge-a", [Tally("orders", now - 1, 3, 10), Tally("orders", now, 2, 20), Tally("stock", now, 1, 5)]));
        await intake.ReportAsync(new AnalyticsReport("edge-b", [Tally("orders", now, 4, 40)]));

        var minutes = await fixture.Client.GetGrain<IAnalyticsGrain>(GrainKeys.Analytics(AnalyticsKind.Route, "orders")).GetAsync(now - 10, now);
        Assert.Equal([now - 1, now], minutes.Select(m => m.Minute));
        Assert.Equal([3L, 6L], minutes.Select(m => m.Requests));
        Assert.Equal(6, minutes[1].Latency.Total);
        Assert.Equal(4 * 40 + 2 * 20, minutes[1].BytesOut);
        var keys = await fixture.Client.GetGrain<IAnalyticsDirectoryGrain>("route").ListAsync(now - 5);
        Assert.Contains("orders", keys);
        Assert.Contains("stock", keys);
    }

    [Fact]
    public async Task MinutesOlderThanTheRetention_AreForgotten_AndNotTakenWhenReportedLate()
    {
        var key = GrainKeys.Analytics(AnalyticsKind.Service, "aging");
        var grain = fixture.Client.GetGrain<IAnalyticsGrain>(key);
        var start = MinuteFigures.MinuteOf(fixture.Time.GetUtcNow());
        await grain.AddAsync([Tally("aging", start, 1, 1).Figures]);

        fixture.Time.Advance(TimeSpan.FromMinutes(AnalyticsRetention.Minutes + 1));
        var now = MinuteFigures.MinuteOf(fixture.Time.GetUtcNow());
        await grain.AddAsync([Tally("aging", now - AnalyticsRetention.Minutes, 1, 1).Figures, Tally("aging", now, 2, 1).Figures]);

        var minutes = await grain.GetAsync(start - 1, now);
        Assert.Equal([now], minutes.Select(m => m.Minute));
        Assert.Equal(2, minutes[0].Requests);
    }

    private static AnalyticsTally Tally(string key, long minute, int requests, long bytesPerRequest)
    {
        var counts = new long[LatencySketch.MaxBucket + 1];
        counts[LatencySketch.BucketOf(12.5)] = requests;
        return new AnalyticsTally(AnalyticsKind.Route, key, new MinuteFigures(minute, requests, requests, 0, 0, 0, 0, requests * bytesPerRequest, LatencySketch.FromDense(counts)));
    }
}
