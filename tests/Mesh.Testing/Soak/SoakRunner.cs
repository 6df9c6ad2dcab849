using System.Diagnostics;
using System.Net;

namespace Mesh.Testing.Soak;

/// <summary>
/// A soak (or, with <see cref="SoakPlan.Chaos"/>, a chaos) run from start to end: a fresh database on the server of
/// <c>MESH_TEST_POSTGRES</c>, the cluster, the traffic, the readings every 10 s into <c>processes.csv</c>, the faults,
/// the check that nothing written was lost, each process's output (<c>NAME.log</c>) and <c>summary.md</c>, all in <see cref="SoakPlan.OutputDirectory"/>.
/// Every process it started is stopped when it returns or throws.
/// </summary>
public sealed class SoakRunner(SoakPlan plan, TextWriter log)
{
    private static readonly TimeSpan ConvergenceDeadline = TimeSpan.FromSeconds(60);

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var cluster = await StartClusterAsync(database, plan.OutputDirectory, log);
        return await RunOnAsync(cluster, cancellationToken);
    }

    /// <summary>Starts the soak's cluster on <paramref name="database"/>, its access logs in <paramref name="logDirectory"/>.</summary>
    public static Task<SoakCluster> StartClusterAsync(PostgresDatabase database, string logDirectory, TextWriter log)
    {
        Directory.CreateDirectory(logDirectory);
        log.WriteLine($"# starting {SoakCluster.SiloCount} silos on PostgreSQL ({database.Name}), 2 edges, orders and {SoakCluster.InventoryCount} inventory behind sidecars");
        return SoakCluster.StartAsync(database, logDirectory);
    }

    /// <summary>The run on a cluster that is already up (the end-to-end tests run a soak and then chaos on one cluster).</summary>
    public async Task<SoakReport> RunOnAsync(SoakCluster cluster, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(plan.OutputDirectory);
        var started = DateTime.UtcNow;
        using var balancer = new EdgeBalancer([.. cluster.Edges.Select(e => e.Http.BaseAddress!)]);
        var clock = Stopwatch.StartNew();
        await using var sampler = ProcessSampler.Start(() => cluster.Members, plan.SampleInterval, Path.Combine(plan.OutputDirectory, "processes.csv"), clock);
        log.WriteLine($"# {(plan.Chaos ? "chaos" : "soak")}: {plan.Duration} at {plan.RequestsPerSecond} req/s; readings in {plan.OutputDirectory}");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var traffic = new SoakTraffic(balancer, plan.RequestsPerSecond, cluster.ApiKey).RunAsync(plan.Duration, plan.RampUp, clock, stop.Token);
        var chaos = plan.Chaos ? new ChaosMonkey(cluster, balancer, plan.MeanFaultInterval, plan.Seed, clock, log) : null;
        if (chaos is not null)
        {
            try
            {
                await chaos.RunAsync(plan.Duration - plan.QuietEnd, stop.Token);
            }
            catch
            {
                await stop.CancelAsync();
                await traffic.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }
        }

        var result = await traffic;
        await sampler.SampleNowAsync();
        var verdict = chaos is null ? null : await VerifyAsync(cluster, chaos);
        foreach (var member in cluster.Members)
        {
            await File.WriteAllTextAsync(Path.Combine(plan.OutputDirectory, member.Name + ".log"), member.Process.Output, CancellationToken.None);
        }

        var report = new SoakReport(plan, started, result, balancer.RefusedConnections, MemoryTrend.Of(sampler.Samples, plan.Baseline), chaos?.Faults ?? [], verdict);
        await File.WriteAllTextAsync(Path.Combine(plan.OutputDirectory, "summary.md"), report.ToMarkdown(), CancellationToken.None);
        return report;
    }

    /// <summary>Every route written during the run is in the catalog and served by every edge; every proxy applied the final version.</summary>
    private static async Task<ChaosVerdict> VerifyAsync(SoakCluster cluster, ChaosMonkey chaos)
    {
        var lost = new List<string>();
        foreach (var route in chaos.RoutesWritten)
        {
            var (status, _) = await cluster.GetAsync($"/api/v1/routes/{route}");
            if (status != HttpStatusCode.OK)
            {
                lost.Add($"{route}: the catalog answers {(int)status}");
                continue;
            }

            foreach (var edge in cluster.Edges)
            {
                try
                {
                    await ChaosMonkey.ServedAsync(edge, route);
                }
                catch (TimeoutException)
                {
                    lost.Add($"{route}: {edge.Id} does not serve it");
                }
            }
        }

        var version = await cluster.CatalogVersionAsync();
        var behind = new List<string>();
        foreach (var proxy in cluster.Proxies)
        {
            try
            {
                await proxy.WaitForVersionAsync(version, ConvergenceDeadline);
            }
            catch (TimeoutException)
            {
                behind.Add(proxy.Id);
            }
        }

        return new ChaosVerdict(chaos.RoutesWritten, lost, version, behind);
    }
}
