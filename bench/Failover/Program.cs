using System.Globalization;
using Mesh.Bench.Failover;

// dotnet Mesh.Bench.Failover.dll [rounds]: needs MESH_TEST_POSTGRES (bench/failover.sh sets it).
var rounds = args is [var count, ..] ? int.Parse(count, CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"Failover: {rounds} SIGKILLs of the silo hosting the catalog, 3 silos on PostgreSQL, edge traffic from 2 clients");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| kill | admin write OK (s) | declared dead (s) | edge applied the write (s) | edge requests | edge failures |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");

var results = await new FailoverBenchmark(rounds, Console.Out).RunAsync();

var recovery = results.Select(r => r.AdminWriteRecovered).Order().ToList();
var p50 = recovery[(recovery.Count - 1) / 2];
Console.WriteLine();
Console.WriteLine($"admin writes back after a kill: p50 {p50:F2} s, max {recovery[^1]:F2} s");
Console.WriteLine($"declared dead: p50 {Median(results.Select(r => r.DeclaredDead)):F2} s; edge applied the first write after the kill: p50 {Median(results.Select(r => r.EdgeConverged)):F2} s");
Console.WriteLine($"edge: {results.Sum(r => r.EdgeFailures)} failed of {results.Sum(r => r.EdgeRequests)} requests during the kills");
return results.Sum(r => r.EdgeFailures) == 0 ? 0 : 1;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[(sorted.Count - 1) / 2];
}
