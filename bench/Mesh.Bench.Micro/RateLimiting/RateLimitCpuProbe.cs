using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Mesh.Bench.Micro.RateLimiting;

/// <summary>
/// The same decisions as <see cref="RateLimitDecisionBenchmarks"/>, timed by CPU as well as by the wall clock:
/// on a shared 2-core machine the wall clock mostly measures the neighbours. Variants are interleaved in
/// 100 ms slices so that load from elsewhere falls on all of them alike. Reports, per decision: wall time,
/// CPU of the calling thread, CPU of this whole process (Orleans client threads included) and of the silo.
/// </summary>
internal static partial class RateLimitCpuProbe
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private const int Rounds = 30;
    private const int WarmupRounds = 5;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync()
    {
        var benchmarks = new RateLimitDecisionBenchmarks();
        await benchmarks.SetupAsync();
        using var silo = Process.GetProcessById((await SiloProcess.SharedAsync()).ProcessId);
        using var self = Process.GetCurrentProcess();
        var variants = new (string Name, int Batch, Func<bool> Decide)[]
        {
            ("local: LeasedTokenLimiter.AttemptAcquire", 1000, () => Wait(benchmarks.LocalLease())),
            ("local: PartitionedRateLimiter.AttemptAcquire", 1000, () => Wait(benchmarks.LocalLeasePartitioned())),
            ("part: LeasedBucket.TryTake", 1000, () => Wait(benchmarks.BucketOnly())),
            ("part: ProxyRateLimitMetrics.Decided", 1000, benchmarks.MetricOnly),
            ("grain: IRateLimitGrain.LeaseAsync(Wanted=1)", 1, () => benchmarks.GrainPerRequest().GetAwaiter().GetResult()),
        };
        var totals = new (long Ops, double Wall, double Thread, double Process, double Silo)[variants.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var (_, batch, decide) = variants[v];
                self.Refresh();
                silo.Refresh();
                var (process0, silo0, thread0) = (self.TotalProcessorTime, silo.TotalProcessorTime, ThreadCpuNs());
                var wall = Stopwatch.StartNew();
                long ops = 0;
                while (wall.Elapsed < Slice)
                {
                    for (var i = 0; i < batch; i++)
                    {
                        decide();
                    }

                    ops += batch;
                }

                var elapsed = wall.Elapsed;
                var thread = ThreadCpuNs() - thread0;
                self.Refresh();
                silo.Refresh();
                if (round >= WarmupRounds)
                {
                    var t = totals[v];
                    totals[v] = (t.Ops + ops, t.Wall + elapsed.TotalNanoseconds, t.Thread + thread,
                        t.Process + (self.TotalProcessorTime - process0).TotalNanoseconds, t.Silo + (silo.TotalProcessorTime - silo0).TotalNanoseconds);
                }
            }
        }

        await benchmarks.CleanupAsync();
        Console.WriteLine($"| decision ({Rounds - WarmupRounds} interleaved slices of {Slice.TotalMilliseconds} ms each) | decisions | wall ns/op | calling thread CPU ns/op | this process CPU ns/op | silo CPU ns/op |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var v = 0; v < variants.Length; v++)
        {
            var t = totals[v];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variants[v].Name} | {t.Ops} | {t.Wall / t.Ops:0.0} | {t.Thread / t.Ops:0.0} | {t.Process / t.Ops:0.0} | {t.Silo / t.Ops:0.0} |"));
        }
    }

    /// <summary>Decisions complete synchronously unless they went to the slow path; then this blocks, as the probe means to.</summary>
    private static bool Wait(ValueTask<bool> decision) => decision.IsCompleted ? decision.Result : decision.AsTask().GetAwaiter().GetResult();

    private static double ThreadCpuNs()
    {
        _ = ClockGetTime(ThreadCpuClock, out var now);
        return (now.Seconds * 1e9) + now.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
