using Mesh.Bench.Cli;
using Mesh.Testing.Soak;

namespace Mesh.Bench.Soak;

/// <summary>
/// <c>soak</c>: the soak or chaos runner of Mesh.Testing with the durations of a real run, its summary printed.
/// Fails (exit 1) when a request failed, when a process that was never restarted ends more than 10 % above its
/// resident memory at the baseline, or when a chaos run lost a write or left a proxy behind.
/// </summary>
internal sealed class SoakCommand(SoakPlan plan)
{
    public const double AllowedGrowth = 0.10;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var report = await new SoakRunner(plan, Console.Out).RunAsync(cancellationToken);
        Console.WriteLine(report.ToMarkdown());
        var grown = report.Memory.Where(m => m.Restarts == 0 && m.RssGrowth > AllowedGrowth).Select(m => m.Name).ToList();
        if (report.Traffic.Failed > 0 || grown.Count > 0 || report.Chaos is { Holds: false })
        {
            throw new BenchFailedException(
                $"{report.Traffic.Failed} requests failed; grown more than {AllowedGrowth:P0} since the baseline: {(grown.Count == 0 ? "none" : string.Join(", ", grown))}"
                + (report.Chaos is { Holds: false } ? "; the chaos run lost writes or left proxies behind" : ""));
        }

        return 0;
    }
}
