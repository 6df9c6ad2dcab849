using Mesh.Contracts.Analytics;
using Mesh.Proxy.Analytics;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Mesh.Bench.Micro.Analytics;

/// <summary>
/// What analytics add to a proxy's traffic to the control plane: one report per 5 s, one grain call, however many keys.
/// Fills an edge's tally with 5 s of requests at a given rate spread over K routes (each with its own service and
/// consumer, so 3K keys), with latencies spread over 1–1000 ms (the worst case for the sketch: many buckets), and
/// prints the report's size as Orleans serializes it for the wire.
/// </summary>
internal static class AnalyticsReportSize
{
    private const int RequestsPerSecond = 1000;
    private const int Seconds = 5;

    public static void Run()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(AnalyticsReport).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<AnalyticsReport>>();
        Console.WriteLine($"| routes (keys) | requests in the report | tallies | bytes per report | bytes per second |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var routes in new[] { 1, 10, 100 })
        {
            var report = Fill(routes);
            var bytes = serializer.SerializeToArray(report).Length;
            Console.WriteLine($"| {routes} ({routes * 3}) | {report.Tallies.Sum(t => t.Figures.Requests) / 3} | {report.Tallies.Length} | {bytes:N0} | {bytes / Seconds:N0} |");
        }
    }

    private static AnalyticsReport Fill(int routes)
    {
        var time = TimeProvider.System;
        var analytics = new ProxyAnalytics(Options.Create(new ProxyOptions { Mode = Mesh.Contracts.Proxies.ProxyMode.Edge }), time);
        var random = new Random(7);
        var at = time.GetUtcNow();
        for (var i = 0; i < RequestsPerSecond * Seconds; i++)
        {
            var route = $"route-{i % routes}";
            analytics.Add(new RequestRecord
            {
                Time = at,
                Method = "GET",
                Path = "/",
                Route = route,
                Service = $"service-{i % routes}",
                Consumer = $"consumer-{i % routes}",
                Status = i % 50 == 0 ? 503 : 200,
                DurationMs = Math.Exp(random.NextDouble() * Math.Log(1000)),
                BytesIn = 100,
                BytesOut = 1000,
            });
        }

        return new AnalyticsReport("edge-bench", analytics.Take());
    }
}
