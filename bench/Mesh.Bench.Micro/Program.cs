using BenchmarkDotNet.Running;
using Mesh.Bench.Micro;
using Mesh.Bench.Micro.Analytics;
using Mesh.Bench.Micro.RateLimiting;

if (args is ["cpu"])
{
    // The same decisions timed by CPU time as well: see RateLimitCpuProbe.
    await RateLimitCpuProbe.RunAsync();
    return;
}

if (args is ["analytics-report"])
{
    AnalyticsReportSize.Run();
    return;
}

// Filters and other BenchmarkDotNet switches pass through, e.g. --filter '*RateLimit*'.
BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, new MicroConfig());
