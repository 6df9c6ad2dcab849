using Mesh.Bench.Circuits;
using Mesh.Bench.Cluster;
using Mesh.Bench.Convergence;
using Mesh.Bench.Grpc;
using Mesh.Bench.Load;
using Mesh.Bench.RateLimits;
using Mesh.Bench.Sidecar;

namespace Mesh.Bench.Cli;

/// <summary>
/// The subcommands. Every run is bounded: <c>--timeout</c> seconds (default 900) cancels it, and every
/// process it started is killed on the way out, also on Ctrl-C and SIGTERM.
/// </summary>
internal static class BenchCommands
{
    private const string Usage = """
        usage: Mesh.Bench <command> [--option value ...]
          convergence  --proxies 1 --changes 100 --via put --gap-ms 0  route PUT (or --via apply: a config apply) -> every proxy serves it;
                       --gap-ms leaves the cluster idle between changes (0: back to back)
          circuit-trip --proxies 2 --trips 20             failures -> every proxy's circuit open
          ratelimit    --proxies 3 --seconds 10 --limit 200 --burst 200 --connections 32
          fixed-rate   --url http://127.0.0.1:8080/ --rps 1000 --seconds 10 --connections 16 [--header "x-api-key: KEY"]
          sidecar-latency --rps 500 --seconds 10 --rounds 5 --warmup 5 --idle 10 --connections 16 [--sidecar-env NAME=VALUE]
                                                          edge -> sidecar -> app against edge -> app; sidecar memory
          grpc-unary   --seconds 5 --rounds 4 --concurrency 32  gRPC unary calls/s through the edge against direct
          soak         --mode soak|chaos --minutes 30 --rps 1000 --out DIR [--baseline-minutes 5 --fault-every 60 --seed 1]
                       3 silos on PostgreSQL (MESH_TEST_POSTGRES; bench/soak.sh sets it), 2 edges, the samples behind sidecars;
                       every process sampled every 10 s into DIR/processes.csv; chaos kills silos, edges and apps
          jwt-tokens   --out DIR --count 20000 [--issuer https://idp.bench/ --audience bench]  an RS256 key set and distinct tokens
        every command: --timeout <seconds> (default 900; soak: its duration + 600); --repo <path to the Mesh.sln folder>
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = Arguments.Parse(args.Skip(1));
            var defaultTimeout = args[0] == "soak" ? (options.Int("minutes", 30, max: 24 * 60) * 60) + 600 : 900;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Int("timeout", defaultTimeout)));
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
            try
            {
                return await RunCommandAsync(args[0], options, stop.Token);
            }
            finally
            {
                ChildProcess.KillAll();
            }
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"mesh-bench: {e.Message}\n{Usage}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("mesh-bench: stopped (timeout or Ctrl-C); every started process was killed");
            return 3;
        }
        catch (BenchFailedException e)
        {
            await Console.Error.WriteLineAsync($"mesh-bench: {e.Message}");
            return 1;
        }
    }

    private static Task<int> RunCommandAsync(string command, Arguments options, CancellationToken cancellationToken)
    {
        var repo = options.String("repo") is { } path ? new RepoLayout(path) : RepoLayout.Find();
        return command switch
        {
            "convergence" => new ConvergenceBenchmark(repo, options.Int("proxies", 1, max: 16), options.Int("changes", 100, max: 10_000), options.String("via") switch
            {
                null or "put" => false,
                "apply" => true,
                var via => throw new UsageException($"--via must be put or apply, got '{via}'"),
            }, TimeSpan.FromMilliseconds(options.Int("gap-ms", 0, min: 0, max: 10_000))).RunAsync(cancellationToken),
            "circuit-trip" => new CircuitTripBenchmark(repo, options.Int("proxies", 2, max: 16), options.Int("trips", 20, max: 1000)).RunAsync(cancellationToken),
            "ratelimit" => new RateLimitBenchmark(
                repo,
                options.Int("proxies", 3, max: 16),
                options.Int("seconds", 10, max: 600),
                options.Int("limit", 200, max: 1_000_000),
                options.Int("burst", 200, min: 0, max: 1_000_000),
                options.Int("connections", 32, max: 1024)).RunAsync(cancellationToken),
            "fixed-rate" => new FixedRateBenchmark(
                new Uri(options.String("url") ?? throw new UsageException("fixed-rate needs --url")),
                options.Int("rps", 1000, max: 1_000_000),
                options.Int("seconds", 10, max: 600),
                options.Int("connections", 16, max: 1024),
                options.String("label"),
                options.String("header")).RunAsync(cancellationToken),
            "sidecar-latency" => new SidecarLatencyBenchmark(
                repo,
                options.Int("rps", 500, max: 100_000),
                options.Int("seconds", 10, max: 600),
                options.Int("rounds", 5, max: 100),
                options.Int("warmup", 5, min: 0, max: 600),
                options.Int("idle", 10, min: 0, max: 600),
                options.Int("connections", 16, max: 1024),
                SidecarEnvironment(options.String("sidecar-env"))).RunAsync(cancellationToken),
            "jwt-tokens" => new Tokens.TokenMinter(
                options.String("out") ?? throw new UsageException("jwt-tokens needs --out"),
                options.Int("count", 20_000, max: 1_000_000),
                options.String("issuer") ?? "https://idp.bench/",
                options.String("audience") ?? "bench").RunAsync(cancellationToken),
            "soak" => new Soak.SoakCommand(new Mesh.Testing.Soak.SoakPlan(
                TimeSpan.FromMinutes(options.Int("minutes", 30, max: 24 * 60)),
                options.Int("rps", 1000, max: 10_000),
                options.String("mode") switch
                {
                    null or "soak" => false,
                    "chaos" => true,
                    var mode => throw new UsageException($"--mode must be soak or chaos, got '{mode}'"),
                },
                options.String("out") ?? throw new UsageException("soak needs --out"))
            {
                Baseline = TimeSpan.FromMinutes(options.Int("baseline-minutes", 5, min: 0, max: 24 * 60)),
                MeanFaultInterval = TimeSpan.FromSeconds(options.Int("fault-every", 60, min: 5, max: 3600)),
                Seed = options.Int("seed", 1, min: 0),
            }).RunAsync(cancellationToken),
            "grpc-unary" => new GrpcUnaryBenchmark(
                repo,
                options.Int("seconds", 5, max: 600),
                options.Int("rounds", 4, max: 100),
                options.Int("concurrency", 32, max: 1024)).RunAsync(cancellationToken),
            _ => throw new UsageException($"unknown command '{command}'"),
        };
    }

    /// <summary><c>NAME=VALUE</c>, or nothing.</summary>
    private static Dictionary<string, string> SidecarEnvironment(string? setting)
    {
        if (setting is null)
        {
            return [];
        }

        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [setting[..equals]] = setting[(equals + 1)..] }
            : throw new UsageException($"--sidecar-env must be NAME=VALUE, got '{setting}'");
    }
}
