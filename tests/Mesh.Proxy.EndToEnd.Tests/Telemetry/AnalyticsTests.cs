using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Access;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Telemetry;

/// <summary>
/// Mesh-wide analytics (admin-api.md, "Analytics") from three real edges' reports: what the clients saw is what the
/// control plane counts, by route, service and consumer, and its percentiles are those the edges measured.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class AnalyticsTests(AccessFixture mesh) : IAsyncLifetime
{
    private const int KeyedRequests = 180;
    private const int UnkeyedRequests = 10;

    /// <summary>The percentiles the control plane answers may differ this much from the exact ones.</summary>
    private const double PercentileTolerance = 0.05;

    private readonly ProtectedRoutes _routes = new(mesh);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _routes.DisposeAsync();

    [Fact]
    public async Task RequestsThroughThreeEdges_AreCountedOncePerRouteServiceAndConsumer_WithTheClientsStatusesBytesAndPercentilesWithin5Percent()
    {
        var consumer = Names.Unique("carol");
        await mesh.Admin.PutConsumerAsync(consumer);
        var (_, key, _) = await mesh.Admin.CreateApiKeyAsync(consumer);
        var name = Names.Unique("counted");
        var (path, _) = await _routes.ExposeAsync(name, """ "auth": "apiKey" """);
        await mesh.SyncAsync(await mesh.Admin.CatalogVersionAsync());

        // Delays spread over 100–500 ms, long beside what a loaded client adds to each request; a few answers are 404 or 302, and a few requests carry no key (401 at the edge).
        var plan = Enumerable.Range(0, KeyedRequests + UnkeyedRequests).Select(i => new Planned(
            Edge: mesh.Proxies[i % mesh.Proxies.Count],
            Keyed: i >= UnkeyedRequests,
            DelayMs: 100 + (i * 37 % 400),
            Status: i % 9 == 0 ? 404 : i % 20 == 1 ? 302 : 200)).ToArray();
        var seen = new ConcurrentBag<Seen>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (planned, _) =>
        {
            var headers = new List<(string, string)> { (TestBackend.DelayHeader, planned.DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture)), (TestBackend.StatusHeader, planned.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (planned.Keyed)
            {
                headers.Add(("x-api-key", key));
            }

            var clock = Stopwatch.StartNew();
            using var response = await ProtectedRoutes.SendAsync(planned.Edge, path, [.. headers]);
            var body = await response.Content.ReadAsByteArrayAsync();
            seen.Add(new Seen(planned.Keyed, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds, body.Length));
        });
        Assert.Equal(UnkeyedRequests, seen.Count(s => s.Status == (int)HttpStatusCode.Unauthorized));

        var logged = await LoggedDurationsAsync(name, seen.Count);
        AssertAgrees(await RowAsync("route", name, seen.Count), [.. seen], logged);

        // A request the edge refused never reached the service.
        var keyed = seen.Where(s => s.Keyed).ToArray();
        var loggedKeyed = logged.Where(l => l.Status != (int)HttpStatusCode.Unauthorized).ToArray();
        AssertAgrees(await RowAsync("service", name, KeyedRequests), keyed, loggedKeyed);
        AssertAgrees(await RowAsync("consumer", consumer, KeyedRequests), keyed, loggedKeyed);

        var series = (await mesh.Admin.GetOkJsonAsync($"/api/v1/analytics?groupBy=route&key={name}&window=10m&series=true")).AsArray().Single()!;
        Assert.Equal(seen.Count, series["minutes"]!.AsArray().Sum(m => m!["requests"]!.GetValue<long>()));
    }

    [Fact]
    public async Task AnUnknownGroupAWindowBeyondTheRetentionAndABadSeriesFlag_Are400NamingEachField()
    {
        using var refused = await mesh.Admin.GetAsync("/api/v1/analytics?groupBy=edges&window=2d&series=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["groupBy", "series", "window"], (await refused.ProblemFieldsAsync()).Order(StringComparer.Ordinal));
    }

    /// <summary>The key's row once every request is counted (proxies report every few seconds).</summary>
    private async Task<JsonNode> RowAsync(string groupBy, string key, int requests) => await Eventually.ReturnsAsync(
        async () => (await mesh.Admin.GetOkJsonAsync($"/api/v1/analytics?groupBy={groupBy}&key={key}")).AsArray().SingleOrDefault(),
        row => row?["requests"]?.GetValue<long>() >= requests,
        $"the {groupBy} analytics of '{key}' to count {requests} requests") ?? throw new InvalidOperationException("no row");

    /// <summary>What the edges' access logs say each of the route's requests took, once all are written.</summary>
    private async Task<IReadOnlyList<Logged>> LoggedDurationsAsync(string route, int requests) => await Eventually.ReturnsAsync(
        () => Task.FromResult<IReadOnlyList<Logged>>([.. Enumerable.Range(0, mesh.Proxies.Count)
            .SelectMany(i => AccessLogFile.Lines(mesh.AccessLogPath(i)))
            .Where(line => line["route"]?.GetValue<string>() == route)
            .Select(line => new Logged(line["status"]!.GetValue<int>(), line["durationMs"]!.GetValue<double>()))]),
        logged => logged.Count >= requests,
        $"the edges' access logs to hold {requests} requests of '{route}'");

    /// <summary>
    /// Counts, statuses and bytes are exactly what the clients saw. Percentiles are within 5 % of the exact ones over
    /// the durations the edges measured (the sketch's error and every merge on the way), and never above what the
    /// clients waited: the clients' own figures also hold their side of the socket, which a loaded machine stretches.
    /// </summary>
    private static void AssertAgrees(JsonNode row, IReadOnlyList<Seen> seen, IReadOnlyList<Logged> logged)
    {
        Assert.Equal(seen.Count, row["requests"]!.GetValue<long>());
        Assert.Equal(seen.Count(s => s.Status is >= 200 and < 300), row["status2xx"]!.GetValue<long>());
        Assert.Equal(seen.Count(s => s.Status is >= 300 and < 400), row["status3xx"]!.GetValue<long>());
        Assert.Equal(seen.Count(s => s.Status is >= 400 and < 500), row["status4xx"]!.GetValue<long>());
        Assert.Equal(0, row["status5xx"]!.GetValue<long>());
        Assert.Equal(0, row["bytesIn"]!.GetValue<long>());
        Assert.Equal(seen.Sum(s => (long)s.BodyBytes), row["bytesOut"]!.GetValue<long>());
        Assert.Equal(seen.Count, logged.Count);
        foreach (var (field, q) in new[] { ("p50Ms", 0.50), ("p95Ms", 0.95), ("p99Ms", 0.99) })
        {
            var counted = row[field]!.GetValue<double>();
            var measured = Quantile(logged.Select(l => l.Ms), q);
            var client = Quantile(seen.Select(s => s.Ms), q);
            Assert.True(Math.Abs(counted - measured) / measured <= PercentileTolerance, $"{field}: the mesh says {counted} ms, the edges measured {measured} ms");
            Assert.True(counted <= client * (1 + PercentileTolerance), $"{field}: the mesh says {counted} ms, more than the {client} ms the clients waited");
        }
    }

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
    }

    private sealed record Planned(ProxyProcess Edge, bool Keyed, int DelayMs, int Status);

    private sealed record Seen(bool Keyed, int Status, double Ms, int BodyBytes);

    private sealed record Logged(int Status, double Ms);
}
