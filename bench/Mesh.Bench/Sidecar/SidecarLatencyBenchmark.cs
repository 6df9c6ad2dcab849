using Mesh.Bench.Backends;
using Mesh.Bench.Cluster;
using Mesh.Bench.Load;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Sidecar;

/// <summary>
/// What a sidecar adds on the way in. One edge, two routes, two identical stub apps: <c>/direct/…</c> goes to a
/// service whose endpoint is one app (plain HTTP), <c>/meshed/…</c> to a service whose only endpoint is a sidecar
/// (mTLS from the edge) in front of the other. Both are driven at the same fixed open-loop rate in alternating
/// rounds, so the machine's noise falls on both; the sidecar's (and the edge's) memory is read idle, every
/// 500 ms under load, at the end of the load and after it. <c>sidecarEnvironment</c> is set for the sidecar
/// only (e.g. <c>DOTNET_gcServer=0</c>), to compare runtime settings.
/// </summary>
internal sealed partial class SidecarLatencyBenchmark(
    RepoLayout repo,
    int rps,
    int seconds,
    int rounds,
    int warmupSeconds,
    int idleSeconds,
    int connections,
    IReadOnlyDictionary<string, string> sidecarEnvironment)
{
    private const string PlainService = "plain";
    private const string MeshedService = "meshed";
    private const string SidecarId = "app-sidecar-1";
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>More than the 300 ms for which OpenTelemetry's Prometheus exporter answers a scrape from its cache.</summary>
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var directApp = await StubBackend.StartAsync(cancellationToken);
        await using var meshedApp = await StubBackend.StartAsync(cancellationToken);
        await using var mesh = await MeshCluster.StartAsync(repo, 1, cancellationToken);
        var edge = mesh.Proxies[0];
        await ConfigureAsync(mesh.Admin, directApp.Address, cancellationToken);
        await using var sidecar = SidecarNode.Start(repo, SidecarId, MeshedService, meshedApp.Address, mesh.Silo.GatewayPort, sidecarEnvironment);
        await sidecar.WaitRegisteredAsync(mesh.Admin, cancellationToken);
        Console.WriteLine($"# sidecar {sidecar.Id} registered healthy at {sidecar.Inbound} (admin {sidecar.AdminBase.Port}); "
            + $"app {directApp.Address} direct, app {meshedApp.Address} behind the sidecar; idle for {idleSeconds}s"
            + (sidecarEnvironment.Count == 0 ? "" : $"; sidecar environment {string.Join(" ", sidecarEnvironment.Select(e => $"{e.Key}={e.Value}"))}"));

        // Idle: registered, certificate in hand, health checks running, no proxied request yet.
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellationToken);
        var idle = await ReadMemoryAsync(edge, sidecar, cancellationToken);

        await ServiceSetup.WaitServedAsync(edge, "/direct/ready", cancellationToken);
        await ServiceSetup.WaitServedAsync(edge, "/meshed/ready", cancellationToken);
        await Task.Delay(ScrapeCache, cancellationToken);
        var metricsBefore = await sidecar.MetricsAsync(cancellationToken);
        var (sidecarLines, edgeLines) = (sidecar.Process.Lines, edge.Process.Lines);

        Arm[] arms = [new("direct", "edge → app", new Uri(edge.Base, "/direct/x")), new("meshed", "edge → sidecar → app", new Uri(edge.Base, "/meshed/x"))];
        using var http = BenchHttp.Create(connections, TimeSpan.FromSeconds(10));
        var load = new OpenLoopLoad(http, rps);
        MemoryReading endOfLoad;
        long edgePeak, sidecarPeak;
        int samples;
        await using (var sampler = RssSampler.Start([edge.Process.Id, sidecar.Process.Id], SampleInterval))
        {
            foreach (var arm in arms)
            {
                await load.RunAsync(arm.Url, rps * warmupSeconds, cancellationToken);
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var arm in round % 2 == 0 ? arms : arms.AsEnumerable().Reverse())
                {
                    var (edgeCpu, sidecarCpu) = (ProcessStats.Read(edge.Process.Id).Cpu, ProcessStats.Read(sidecar.Process.Id).Cpu);
                    var run = await load.RunAsync(arm.Url, rps * seconds, cancellationToken);
                    arm.Rounds.Add(new ArmRound(round, run, ProcessStats.Read(edge.Process.Id).Cpu - edgeCpu, ProcessStats.Read(sidecar.Process.Id).Cpu - sidecarCpu));
                    PrintProgress(round, arm.Name, run, sidecar);
                }
            }

            endOfLoad = await ReadMemoryAsync(edge, sidecar, cancellationToken);
            (edgePeak, sidecarPeak, samples) = (sampler.Peak(edge.Process.Id), sampler.Peak(sidecar.Process.Id), sampler.Samples);
        }

        var metricsAfter = await sidecar.MetricsAsync(cancellationToken);
        var health = await sidecar.EndpointHealthAsync(mesh.Admin, cancellationToken);
        var sidecarLog = sidecar.Process.LastLines(sidecar.Process.Lines - sidecarLines);
        var edgeLog = edge.Process.LastLines(edge.Process.Lines - edgeLines);
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellationToken);
        var afterLoad = await ReadMemoryAsync(edge, sidecar, cancellationToken);

        var memory = new MemoryReport(idle, endOfLoad, afterLoad, edgePeak, sidecarPeak, samples);
        Report(arms[0], arms[1], memory);
        ReportSidecar(metricsBefore, metricsAfter, health, sidecarLog, edgeLog);
        ReportResult(arms[0], arms[1], memory);
        return arms.Sum(a => a.Rounds.Sum(r => r.Run.Errors)) == 0 ? 0 : 1;
    }

    /// <summary>The two services (no retries, so a failure shows as one) and their routes; only <c>plain</c> gets an endpoint here.</summary>
    private static async Task ConfigureAsync(AdminClient admin, string directApp, CancellationToken cancellationToken)
    {
        var spec = new { retry = new { attempts = 0 }, healthCheck = new { path = "/healthz", interval = "1s" } };
        await admin.PutAsync($"/api/v1/services/{PlainService}", spec, cancellationToken);
        await admin.PutAsync($"/api/v1/services/{PlainService}/endpoints/{PlainService}-1", new { address = directApp }, cancellationToken);
        await admin.PutAsync($"/api/v1/services/{MeshedService}", spec, cancellationToken);
        foreach (var (route, service) in new[] { ("direct", PlainService), ("meshed", MeshedService) })
        {
            await admin.PutAsync(
                $"/api/v1/routes/{route}",
                new
                {
                    match = new { path = $"/{route}/{{**rest}}" },
                    backends = new[] { new { service } },
                    transforms = new[] { new { pathRemovePrefix = $"/{route}" } },
                },
                cancellationToken);
        }
    }

    private static void PrintProgress(int round, string arm, LoadRun run, SidecarNode sidecar)
    {
        var summary = Summary.Of(run.Succeeded);
        Console.WriteLine(
            $"# round {round + 1} {arm}: p50 {Summary.Ms(summary.P50)} ms, p99 {Summary.Ms(summary.P99)} ms, failed {run.Errors} of {run.Latencies.Length}, "
            + $"sidecar RSS {ProcessStats.Mb(ProcessStats.Rss(sidecar.Process.Id) ?? 0)} MB, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    /// <summary>RSS first, then the sidecar's <c>/metrics</c> (the scrape itself allocates).</summary>
    private static async Task<MemoryReading> ReadMemoryAsync(ProxyNode edge, SidecarNode sidecar, CancellationToken cancellationToken)
    {
        var (edgeStats, sidecarStats) = (ProcessStats.Read(edge.Process.Id), ProcessStats.Read(sidecar.Process.Id));
        var metrics = await sidecar.MetricsAsync(cancellationToken);
        return new MemoryReading(
            edgeStats,
            sidecarStats,
            PrometheusText.Sum(metrics, "dotnet_gc_last_collection_heap_size_bytes"),
            PrometheusText.Sum(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes"));
    }
}
