using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Mesh.Bench.Micro;

/// <summary>
/// BenchmarkDotNet's short run (3 warm-ups, 3 iterations, 1 launch), in process: no generated project to
/// build on a shared 2-core machine, and the silo the benchmarks talk to is started once per class.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithMinIterationTime(TimeInterval.FromMilliseconds(250)).AsDefault());
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
