using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Bench.Backends;
using Mesh.Bench.Cli;
using Mesh.Bench.Cluster;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Grpc;

/// <summary>
/// gRPC unary calls per second through the edge against the same calls through bare YARP (h2c in and out) and straight
/// to the backend: Grpc.Net.Client,
/// <c>--concurrency</c> calls in flight on one HTTP/2 connection per arm, arms interleaved over <c>--rounds</c>
/// (every other round in reverse), each <c>--seconds</c> long after a warm-up of the same length.
/// </summary>
internal sealed class GrpcUnaryBenchmark(RepoLayout repo, int seconds, int rounds, int concurrency)
{
    private const string Service = "grpc-bench";
    private static readonly byte[] Message = new byte[64];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var backend = await GrpcEchoBackend.StartAsync(cancellationToken);
        await using var mesh = await MeshCluster.StartAsync(repo, 1, cancellationToken);
        await mesh.Admin.PutAsync($"/api/v1/services/{Service}", new { protocol = "grpc", healthCheck = new { enabled = false }, retry = new { attempts = 0 } }, cancellationToken);
        await mesh.Admin.PutAsync($"/api/v1/services/{Service}/endpoints/{Service}-1", new { address = backend.Address }, cancellationToken);
        await mesh.Admin.PutAsync("/api/v1/routes/grpc-bench", new { match = new { path = "/mesh.bench.Echo/{**method}" }, backends = new[] { new { service = Service } } }, cancellationToken);

        var yarpPort = FreePort.Next();
        await using var yarp = ChildProcess.Start(
            "bare-yarp",
            repo.BareYarpAssembly,
            [$"--BareYarp:Urls=http://127.0.0.1:{yarpPort}", $"--BareYarp:Destination={backend.Address}", "--BareYarp:Http2=true"]);

        var arms = new (string Name, int Port)[] { ("direct", backend.Port), ("bare-yarp", yarpPort), ("edge", mesh.Proxies[0].Base.Port) };
        using var channels = new ChannelSet(arms.Select(a => a.Port));
        await WaitServedAsync(channels[yarpPort], "bare YARP", cancellationToken);
        await WaitServedAsync(channels[arms[2].Port], "the edge", cancellationToken);

        var results = arms.ToDictionary(a => a.Name, _ => new List<(double Rate, Summary Latency)>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, port) in round % 2 == 0 ? arms : arms.Reverse())
            {
                await RunAsync(channels[port], TimeSpan.FromSeconds(seconds), cancellationToken);
                results[name].Add(await RunAsync(channels[port], TimeSpan.FromSeconds(seconds), cancellationToken));
            }
        }

        Report(results);
        return 0;
    }

    private async Task<(double Rate, Summary Latency)> RunAsync(CallInvoker calls, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var until = Clock.NowMs + duration.TotalMilliseconds;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (Clock.NowMs < until)
            {
                var started = Clock.NowMs;
                try
                {
                    await calls.AsyncUnaryCall(GrpcEchoBackend.Say, null, new CallOptions(cancellationToken: cancellationToken), Message);
                    mine.Add(Clock.NowMs - started);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        if (failures > 0)
        {
            throw new BenchFailedException($"{failures} gRPC calls failed");
        }

        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / duration.TotalSeconds, Summary.Of(all));
    }

    private static async Task WaitServedAsync(CallInvoker proxy, string what, CancellationToken cancellationToken)
    {
        var served = await Poll.UntilAsync(
            async ct =>
            {
                try
                {
                    await proxy.AsyncUnaryCall(GrpcEchoBackend.Say, null, new CallOptions(cancellationToken: ct), Message);
                    return true;
                }
                catch (RpcException)
                {
                    // Not listening yet, or not configured yet.
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            cancellationToken);
        if (served is null)
        {
            throw new BenchFailedException($"{what} never answered the gRPC call");
        }
    }

    private void Report(Dictionary<string, List<(double Rate, Summary Latency)>> results)
    {
        Console.WriteLine($"## gRPC unary calls: {concurrency} in flight on one HTTP/2 connection, {rounds} rounds of {seconds}s per arm (median)");
        Console.WriteLine();
        Console.WriteLine("| arm | calls/s | ÷ direct | p50 ms | p99 ms | per round calls/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
        var direct = Median(results["direct"].Select(r => r.Rate));
        foreach (var (name, runs) in results)
        {
            var rate = Median(runs.Select(r => r.Rate));
            Console.WriteLine($"| {name} | {rate:0} | {rate / direct:0.00} | {Summary.Ms(Median(runs.Select(r => r.Latency.P50)))} | {Summary.Ms(Median(runs.Select(r => r.Latency.P99)))} | {string.Join(" ", runs.Select(r => r.Rate.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} |");
        }

        Console.WriteLine();
        PrintRatio(results, "edge", "bare-yarp");
        PrintRatio(results, "edge", "direct");
    }

    /// <summary>Within each round the arms ran back to back, under similar load: their ratio, round by round.</summary>
    private static void PrintRatio(Dictionary<string, List<(double Rate, Summary Latency)>> results, string arm, string reference)
    {
        var perRound = results[arm].Zip(results[reference], (a, r) => a.Rate / r.Rate).ToList();
        Console.WriteLine($"{arm} ÷ {reference} per round: {string.Join(" ", perRound.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} (median {Median(perRound):0.00})");
    }

    private static double Median(IEnumerable<double> values) => Summary.Percentile([.. values], 0.5);

    /// <summary>One channel (so one HTTP/2 connection) per port, reused across rounds.</summary>
    private sealed class ChannelSet(IEnumerable<int> ports) : IDisposable
    {
        private readonly Dictionary<int, GrpcChannel> _channels = ports.ToDictionary(
            port => port,
            port => GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxRetryAttempts = 0 }));

        public CallInvoker this[int port] => _channels[port].CreateCallInvoker();

        public void Dispose()
        {
            foreach (var channel in _channels.Values)
            {
                channel.Dispose();
            }
        }
    }
}
