using Mesh.Testing;
using Mesh.Testing.Soak;
using Xunit.Abstractions;

namespace Mesh.Deploy.Tests.Soak;

/// <summary>
/// The soak and chaos runs of <c>Mesh.Bench soak</c> in short, at 200 req/s: a leak or a lost write that shows
/// within minutes fails the suite. The full 30-minute runs and their figures are in docs/benchmarks.md. Both run on
/// one cluster, the soak first (so its processes were never restarted), for 60 s and 80 s rather than 2 minutes
/// each: starting a cluster takes half a minute, and the whole suite has 15 minutes on two cores.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    private const int RequestsPerSecond = 200;
    private static readonly TimeSpan RampUp = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A minute is too short to tell a slow leak from a runtime still settling: only growth well past what a
    /// settling runtime shows on this box after 30 s (at most 4 %) fails the short run; the 30-minute run holds 10 %.
    /// </summary>
    private const double AllowedShortRunGrowth = 0.15;

    private readonly string _output = Path.Combine(Path.GetTempPath(), $"mesh-soak-{Guid.NewGuid():N}");
    private bool _passed;

    [Fact]
    public async Task SteadyTrafficFailsNoRequestAndGrowsNoProcess_AndThenKilledSilosEdgesAndAppsFailNoRequestLoseNoWriteAndTheClusterConverges()
    {
        output.WriteLine($"readings and logs: {_output} (kept when the test fails)");
        await using var database = await PostgresDatabase.CreateAsync();
        await using var cluster = await SoakRunner.StartClusterAsync(database, _output, new OutputWriter(output));

        var soak = await RunAsync(cluster, new SoakPlan(TimeSpan.FromSeconds(60), RequestsPerSecond, Chaos: false, Path.Combine(_output, "soak"))
        {
            RampUp = RampUp,
            Baseline = TimeSpan.FromSeconds(30),
        });

        Assert.True(soak.Traffic.Failed == 0, $"{soak.Traffic.Failed} requests failed:\n{soak.ToMarkdown()}");
        var scheduled = RequestsPerSecond * (soak.Plan.Duration - (soak.Plan.RampUp / 2)).TotalSeconds;
        Assert.True(soak.Traffic.Requests >= scheduled, $"only {soak.Traffic.Requests} of {scheduled} requests were sent");
        Assert.All(soak.Memory, m => Assert.True(m.Restarts == 0, $"{m.Name} restarted during a run without faults"));
        var grown = soak.Memory.Where(m => m.RssGrowth > AllowedShortRunGrowth).Select(m => $"{m.Name} +{m.RssGrowth:P0}").ToList();
        Assert.True(grown.Count == 0, $"grew past {AllowedShortRunGrowth:P0} after the baseline: {string.Join(", ", grown)}\n{soak.ToMarkdown()}");

        var chaos = await RunAsync(cluster, new SoakPlan(TimeSpan.FromSeconds(80), RequestsPerSecond, Chaos: true, Path.Combine(_output, "chaos"))
        {
            RampUp = RampUp,
            Baseline = TimeSpan.FromSeconds(30),
            MeanFaultInterval = TimeSpan.FromSeconds(8),
            QuietEnd = TimeSpan.FromSeconds(12),
        });

        Assert.True(chaos.Faults.Select(f => f.Kind).Distinct().Count() >= 3, $"too few kinds of fault were injected:\n{chaos.ToMarkdown()}");
        Assert.True(chaos.Traffic.Failed == 0, $"{chaos.Traffic.Failed} requests failed:\n{chaos.ToMarkdown()}");
        Assert.True(chaos.Chaos is { Holds: true }, $"writes lost or proxies behind:\n{chaos.ToMarkdown()}");
        Assert.NotEmpty(chaos.Chaos!.RoutesWritten);
        _passed = true;
    }

    /// <summary>A failed run keeps its readings, access logs and process logs for whoever looks into it.</summary>
    public void Dispose()
    {
        if (_passed && Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private async Task<SoakReport> RunAsync(SoakCluster cluster, SoakPlan plan)
    {
        using var deadline = new CancellationTokenSource(plan.Duration + TimeSpan.FromMinutes(4));
        var report = await new SoakRunner(plan, new OutputWriter(output)).RunOnAsync(cluster, deadline.Token);
        output.WriteLine(report.ToMarkdown());
        return report;
    }

    /// <summary>The runner's progress lines into the test's output.</summary>
    private sealed class OutputWriter(ITestOutputHelper output) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => output.WriteLine(value ?? "");
    }
}
