using System.Globalization;
using System.Text.Json;
using Mesh.Bench.Backends;
using Mesh.Bench.Cli;
using Mesh.Bench.Cluster;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.RateLimits;

/// <summary>
/// A mesh-wide limit under load from every side: one global policy, closed-loop load through every proxy at
/// once over many keep-alive connections; admitted (200) against the policy's bound
/// <c>limit × seconds + burst</c>, and where each proxy says it decided (<c>/metrics</c>).
/// </summary>
internal sealed class RateLimitBenchmark(RepoLayout repo, int proxyCount, int seconds, int limit, int burst, int connections)
{
    private const string Service = "rl";
    private const string Policy = "bench-global";
    private const string LimitedRoute = "limited";
    private const double TargetLocalShare = 0.99;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var backend = await StubBackend.StartAsync(cancellationToken);
        await using var mesh = await MeshCluster.StartAsync(repo, proxyCount, cancellationToken);
        await ServiceSetup.AddAsync(mesh, Service, new { retry = new { attempts = 0 }, healthCheck = new { interval = "1s" } }, backend.Address, "plain", cancellationToken);
        await mesh.Admin.PutAsync($"/api/v1/ratelimits/{Policy}", new { permitsPerSecond = limit, burst, partitionBy = "global" }, cancellationToken);
        await mesh.Admin.PutAsync(
            $"/api/v1/routes/{LimitedRoute}",
            new { match = new { path = $"/{LimitedRoute}/{{**rest}}" }, backends = new[] { new { service = Service } }, rateLimit = Policy },
            cancellationToken);

        // Wait on /config, not on the limited route: a probe there would spend the bucket before the clock starts.
        await Task.WhenAll(mesh.Proxies.Select(p => WaitConfiguredAsync(p, cancellationToken)));
        var before = await ScrapeAsync(mesh, cancellationToken);

        var load = await DriveAsync(mesh, cancellationToken);

        var after = await ScrapeAsync(mesh, cancellationToken);
        using var bucket = await mesh.Admin.GetAsync($"/api/v1/ratelimits/{Policy}/buckets/%2A", cancellationToken);
        Report(mesh, load, before, after, bucket.RootElement);
        return 0;
    }

    private async Task<LoadResult> DriveAsync(MeshCluster mesh, CancellationToken cancellationToken)
    {
        var clients = mesh.Proxies.Select(_ => BenchHttp.Create(connections)).ToArray();
        var counts = mesh.Proxies.Select(_ => new int[3]).ToArray();
        var limitedPerSecond = new int[seconds + 1];
        var start = Clock.NowMs;
        var end = start + (seconds * 1000.0);
        var lastAnswer = start;
        try
        {
            await Task.WhenAll(mesh.Proxies.SelectMany((proxy, k) => Enumerable.Range(0, connections).Select(async _ =>
            {
                var url = new Uri(proxy.Base, $"/{LimitedRoute}/x");
                while (Clock.NowMs < end)
                {
                    int status;
                    try
                    {
                        using var response = await clients[k].GetAsync(url, cancellationToken);
                        status = (int)response.StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        status = 0;
                    }

                    Interlocked.Increment(ref counts[k][status switch { 200 => 0, 429 => 1, _ => 2 }]);
                    if (status == 429)
                    {
                        Interlocked.Increment(ref limitedPerSecond[Math.Min(seconds, (int)((Clock.NowMs - start) / 1000))]);
                    }
                }

                InterlockedMax(ref lastAnswer, Clock.NowMs);
            })));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        return new LoadResult(counts, limitedPerSecond, (lastAnswer - start) / 1000.0);
    }

    private async Task WaitConfiguredAsync(ProxyNode proxy, CancellationToken cancellationToken)
    {
        var configured = await Poll.UntilAsync(
            async ct =>
            {
                using var config = await proxy.ConfigAsync(ct);
                var snapshot = config.RootElement.GetProperty("snapshot");
                return snapshot.GetProperty("routes").TryGetProperty(LimitedRoute, out _)
                    && snapshot.GetProperty("rateLimits").TryGetProperty(Policy, out var policy)
                    && policy.GetProperty("permitsPerSecond").GetInt32() == limit;
            },
            TimeSpan.FromSeconds(30),
            cancellationToken);
        if (configured is null)
        {
            throw new BenchFailedException($"proxy {proxy.Id} never applied the rate-limited route:\n{proxy.Process.Tail}");
        }
    }

    private static async Task<DecisionCounts[]> ScrapeAsync(MeshCluster mesh, CancellationToken cancellationToken) =>
        await Task.WhenAll(mesh.Proxies.Select(async p => DecisionCounts.Parse(await p.MetricsAsync(cancellationToken), Policy)));

    private void Report(MeshCluster mesh, LoadResult load, DecisionCounts[] before, DecisionCounts[] after, JsonElement bucket)
    {
        var admitted = load.Counts.Sum(c => c[0]);
        var limited = load.Counts.Sum(c => c[1]);
        var other = load.Counts.Sum(c => c[2]);
        var bound = ((double)limit * seconds) + burst;
        var boundElapsed = (limit * load.Seconds) + burst;
        Console.WriteLine($"## rate limits: {proxyCount} proxies, global policy {limit}/s burst {burst}, {seconds}s of closed-loop load, "
            + $"{connections} keep-alive connections per proxy");
        Console.WriteLine();
        Console.WriteLine("| proxy | admitted (200) | limited (429) | other | decisions local | grain | fail_open/closed | local share |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var deltas = new List<DecisionCounts>();
        for (var k = 0; k < mesh.Proxies.Count; k++)
        {
            var d = after[k].Minus(before[k]);
            deltas.Add(d);
            Console.WriteLine($"| {mesh.Proxies[k].Id} | {load.Counts[k][0]} | {load.Counts[k][1]} | {load.Counts[k][2]} | {d.Where("local")} | {d.Where("grain")} | "
                + $"{d.Where("fail_open") + d.Where("fail_closed")} | {Share(d):P2} |");
        }

        var all = DecisionCounts.Sum(deltas);
        Console.WriteLine($"| all | {admitted} | {limited} | {other} | {all.Where("local")} | {all.Where("grain")} | {all.Where("fail_open") + all.Where("fail_closed")} | {Share(all):P2} |");
        Console.WriteLine();
        Console.WriteLine($"requests: {admitted + limited + other} in {load.Seconds.ToString("0.000", CultureInfo.InvariantCulture)} s "
            + $"({((admitted + limited + other) / load.Seconds).ToString("0", CultureInfo.InvariantCulture)}/s offered)");
        Console.WriteLine($"bound = limit x seconds + burst = {bound}; admitted / bound = {(admitted / bound).ToString("0.000", CultureInfo.InvariantCulture)}; "
            + $"overshoot = {Math.Max(0, admitted - bound)}");
        Console.WriteLine($"bound over the measured window ({load.Seconds.ToString("0.000", CultureInfo.InvariantCulture)} s) = {boundElapsed.ToString("0", CultureInfo.InvariantCulture)}; "
            + $"overshoot against it = {Math.Max(0, admitted - boundElapsed).ToString("0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"bucket grain: granted {bucket.GetProperty("granted").GetInt64()} tokens in total, {bucket.GetProperty("tokens").GetDouble().ToString("0.##", CultureInfo.InvariantCulture)} left");
        Console.WriteLine($"429s by second of the run: {string.Join(" ", load.LimitedPerSecond)}");
        foreach (var (where, result, count) in all.All)
        {
            Console.WriteLine($"decisions where={where} result={result}: {count}");
        }

        Console.WriteLine($"targets: overshoot 0: {(admitted <= bound ? "met" : "MISSED")}; >= {TargetLocalShare:P0} decisions local: {(Share(all) >= TargetLocalShare ? "met" : "MISSED")} ({Share(all):P2})");
    }

    private static double Share(DecisionCounts counts) => counts.Total == 0 ? double.NaN : counts.Where("local") / counts.Total;

    private static void InterlockedMax(ref double target, double value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private sealed record LoadResult(int[][] Counts, int[] LimitedPerSecond, double Seconds);
}
