using System.Diagnostics;
using System.Net;

namespace Mesh.Testing.Soak;

/// <summary>
/// Injects one fault at a time at random intervals (uniform between half and one and a half of the mean), cycling
/// through the kinds in a shuffled order: SIGKILL a silo and start a replacement, SIGTERM an edge (taken out of the
/// balancer first, as a load balancer deregisters a target) and start it again, SIGKILL an inventory app and start
/// it again, and write a new route. Each fault waits for its recovery before the next; every route it wrote is
/// kept, for the check that none was lost.
/// </summary>
public sealed class ChaosMonkey(SoakCluster cluster, EdgeBalancer balancer, TimeSpan meanInterval, int seed, Stopwatch clock, TextWriter log)
{
    /// <summary>How long a deregistered edge keeps serving what it has before it is stopped (a load balancer's deregistration delay).</summary>
    private static readonly TimeSpan Deregistration = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(90);
    private static readonly string[] Kinds = ["silo", "edge", "app", "config"];

    private readonly Random _random = new(seed);
    private readonly List<FaultRecord> _faults = [];
    private readonly List<string> _routesWritten = [];

    public IReadOnlyList<FaultRecord> Faults => _faults;

    /// <summary>The ids of the routes written during the run, each acknowledged by a silo.</summary>
    public IReadOnlyList<string> RoutesWritten => _routesWritten;

    /// <summary>Injects faults until <paramref name="lastFaultBefore"/> (on the run's clock) has passed.</summary>
    public async Task RunAsync(TimeSpan lastFaultBefore, CancellationToken cancellationToken)
    {
        var order = new Queue<string>();
        while (true)
        {
            var wait = meanInterval * (0.5 + _random.NextDouble());
            if (clock.Elapsed + wait >= lastFaultBefore)
            {
                return;
            }

            await Task.Delay(wait, cancellationToken);
            if (order.Count == 0)
            {
                foreach (var kind in Kinds.OrderBy(_ => _random.Next()))
                {
                    order.Enqueue(kind);
                }
            }

            var fault = await InjectAsync(order.Dequeue());
            _faults.Add(fault);
            log.WriteLine($"# {fault.AtSeconds:F0}s {fault.Kind} {fault.Target}: recovered in {fault.RecoverySeconds:F2}s ({fault.RecoveredWhen})");
        }
    }

    /// <summary>Writes route <c>chaos-N</c> (to the split's first service) through any live silo; its id.</summary>
    public async Task<(string Route, long Version)> WriteRouteAsync()
    {
        var route = $"chaos-{_routesWritten.Count + 1}";
        var version = await cluster.PutAsync(
            $"/api/v1/routes/{route}", $$"""{ "match": { "path": "/{{route}}/{**rest}" }, "backends": [ { "service": "catalog-a" } ] }""", RecoveryDeadline);
        _routesWritten.Add(route);
        return (route, version);
    }

    private async Task<FaultRecord> InjectAsync(string kind)
    {
        var at = clock.Elapsed.TotalSeconds;
        var timer = Stopwatch.StartNew();
        switch (kind)
        {
            case "silo":
            {
                var index = _random.Next(SoakCluster.SiloCount);
                var replacing = cluster.ReplaceSiloAsync(index);
                var (_, version) = await WriteRouteAsync();
                await Task.WhenAll(cluster.Edges.Select(e => e.WaitForVersionAsync(version, RecoveryDeadline)));
                var recovered = timer.Elapsed.TotalSeconds;
                await replacing;
                return new FaultRecord(at, "SIGKILL silo", $"silo-{index + 1}", recovered, "a write through a survivor applied at every edge");
            }

            case "edge":
            {
                var index = _random.Next(cluster.Edges.Count);
                balancer.TakeOut(index);
                await Task.Delay(Deregistration);
                timer.Restart();
                var (exited, ready) = await cluster.RestartEdgeAsync(index);
                var recovered = timer.Elapsed.TotalSeconds;
                balancer.PutBack(index);
                return new FaultRecord(at, "SIGTERM edge", $"edge-{index + 1}", recovered, $"exited in {exited.TotalSeconds:F1} s, ready {ready.TotalSeconds:F1} s later");
            }

            case "app":
            {
                var index = _random.Next(SoakCluster.InventoryCount);
                await cluster.RestartInventoryAppAsync(index);
                return new FaultRecord(at, "SIGKILL app", $"inventory-{index + 1}-app", timer.Elapsed.TotalSeconds, "restarted, endpoint healthy again");
            }

            default:
            {
                var (route, _) = await WriteRouteAsync();
                await Task.WhenAll(cluster.Edges.Select(e => ServedAsync(e, route)));
                return new FaultRecord(at, "config write", route, timer.Elapsed.TotalSeconds, "served by every edge");
            }
        }
    }

    /// <summary>Polls until <paramref name="edge"/> answers 200 on the route.</summary>
    public static Task ServedAsync(ProxyProcess edge, string route) => Eventually.HoldsAsync(
        async () =>
        {
            using var response = await edge.Http.GetAsync($"/{route}/probe");
            return response.StatusCode == HttpStatusCode.OK;
        },
        $"{edge.Id} to serve route {route}",
        RecoveryDeadline);
}
