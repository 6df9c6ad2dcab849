using System.Diagnostics;
using Mesh.Deploy.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Bench.Failover;

/// <summary>
/// Three silos on PostgreSQL and an edge with steady traffic. Each round SIGKILLs the silo hosting the catalog,
/// times how long until an admin write succeeds through a survivor, until the membership table says the silo is
/// dead, and until the edge has applied that write; counts edge requests and failures over the round; then starts
/// a replacement silo so every round begins with three.
/// </summary>
internal sealed class FailoverBenchmark(int rounds, TextWriter log)
{
    private const int SiloCount = 3;
    private static readonly TimeSpan RoundDeadline = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<KillRound>> RunAsync()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var backend = await Backend.StartAsync("orders");
        var live = Enumerable.Range(0, SiloCount).Select(_ => SiloProcess.Start(database.ConnectionString)).ToList();
        var dead = new List<SiloProcess>();
        try
        {
            await Task.WhenAll(live.Select(s => s.WaitUntilReadyAsync()));
            var configured = await AdminWrites.ConfigureServiceAndRouteAsync(live[0].Http, "orders", backend);
            await using var edge = EdgeProcess.Start(database.ConnectionString);
            await edge.WaitForVersionAsync(configured);
            await using var traffic = EdgeTraffic.Start(new Uri(edge.Http.BaseAddress!, "/orders/bench"));
            await traffic.WaitForMoreSuccessesAsync(50);

            var results = new List<KillRound>();
            for (var round = 1; round <= rounds; round++)
            {
                await WaitForActiveAsync(database, live);
                results.Add(await KillCatalogHostAsync(round, database, live, dead, edge, traffic));
                log.WriteLine(Describe(results[^1]));
                var replacement = SiloProcess.Start(database.ConnectionString);
                live.Add(replacement);
                await replacement.WaitUntilReadyAsync();
            }

            return results;
        }
        finally
        {
            foreach (var silo in live.Concat(dead))
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<KillRound> KillCatalogHostAsync(
        int round, PostgresDatabase database, List<SiloProcess> live, List<SiloProcess> dead, EdgeProcess edge, EdgeTraffic traffic)
    {
        var victim = await SiloMetrics.CatalogHostAsync(live);
        live.Remove(victim);
        dead.Add(victim);
        var (sentBefore, failedBefore) = (traffic.Succeeded + traffic.Failed, traffic.Failed);
        var clock = Stopwatch.StartNew();
        victim.Process.KillNow();

        var declaredDead = Task.Run(async () =>
        {
            await Eventually.HoldsAsync(async () => (await Membership.DeadSiloPortsAsync(database)).Contains(victim.SiloPort), "the killed silo declared dead", RoundDeadline);
            return clock.Elapsed;
        });

        var (recovered, version) = await AdminWrites.PutUntilAcceptedAsync(live, $"/api/v1/services/round-{round}", "{}", RoundDeadline);
        await edge.WaitForVersionAsync(version, RoundDeadline);
        var converged = clock.Elapsed;
        var declared = await declaredDead;

        // Keep the traffic going a moment past recovery, so late failures would be counted in this round.
        await traffic.WaitForMoreSuccessesAsync(50);
        return new KillRound(
            round,
            recovered.TotalSeconds,
            declared.TotalSeconds,
            converged.TotalSeconds,
            traffic.Succeeded + traffic.Failed - sentBefore,
            traffic.Failed - failedBefore);
    }

    /// <summary>Each round starts from a settled cluster: every live silo Active, the dead ones gone from it.</summary>
    private static Task WaitForActiveAsync(PostgresDatabase database, List<SiloProcess> live) =>
        Eventually.HoldsAsync(
            async () => (await Membership.ActiveSiloPortsAsync(database)).SetEquals(live.Select(s => s.SiloPort)),
            $"{live.Count} silos Active in the membership table",
            TimeSpan.FromSeconds(60));

    public static string Describe(KillRound r) =>
        $"| {r.Number} | {r.AdminWriteRecovered:F2} | {r.DeclaredDead:F2} | {r.EdgeConverged:F2} | {r.EdgeRequests} | {r.EdgeFailures} |";
}
