using Mesh.Bench.Backends;
using Mesh.Bench.Cli;
using Mesh.Bench.Cluster;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Circuits;

/// <summary>
/// Circuit trip to shed: the backend starts answering 500, requests go through proxy 0 one after another,
/// and from the response of the failure that reaches <c>minimumThroughput</c> (the earliest moment the mesh
/// could decide) the harness measures until every proxy's <c>/circuits</c> shows the circuit open, and until
/// proxy 0 sheds a request with 503 and <c>x-mesh-circuit: open</c>.
/// </summary>
internal sealed class CircuitTripBenchmark(RepoLayout repo, int proxyCount, int trips)
{
    private const string Service = "flaky";
    private const string CircuitHeader = "x-mesh-circuit";
    private const int MinimumThroughput = 10;
    private const int WarmupTrips = 1;
    private const double TargetP99Ms = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longer than the proxy's outcome-report interval (250 ms): failures answered after the trip are still in
    /// proxy 0's ledger for up to that long, and reported after a reset they would pre-fill the next trip's window.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    private static readonly object Spec = new
    {
        retry = new { attempts = 0 },
        healthCheck = new { interval = "1s" },
        circuitBreaker = new { failureRatio = 0.5, minimumThroughput = MinimumThroughput, window = "10s", breakDuration = "2s", halfOpenProbes = 1 },
    };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var backend = await StubBackend.StartAsync(cancellationToken);
        await using var mesh = await MeshCluster.StartAsync(repo, proxyCount, cancellationToken);
        await ServiceSetup.AddAsync(mesh, Service, Spec, backend.Address, Service, cancellationToken);
        using var driver = BenchHttp.Create(1);
        var url = new Uri(mesh.Proxies[0].Base, $"/{Service}/x");

        var allOpen = new List<double>();
        var allOpenFromShed = new List<double>();
        var shed = new List<double>();
        var perProxy = mesh.Proxies.Select(_ => new List<double>()).ToArray();
        var failuresBeforeShed = new List<double>();
        for (var trip = -WarmupTrips; trip < trips; trip++)
        {
            backend.Failing = false;
            await Task.Delay(Settle, cancellationToken);
            await mesh.Admin.PostAsync($"/api/v1/circuits/{Service}/reset", cancellationToken);
            await Task.WhenAll(mesh.Proxies.Select(p => WaitStateAsync(p, "closed", cancellationToken)));

            backend.Failing = true;
            var opened = mesh.Proxies.Select(p => Poll.UntilAsync(async ct => await p.CircuitStateAsync(Service, ct) == "open", Deadline, cancellationToken)).ToArray();
            var (tripped, firstShed, failures) = await DriveUntilShedAsync(driver, url, cancellationToken);
            var seen = await Task.WhenAll(opened);
            if (tripped is null || firstShed is null || seen.Any(s => s is null))
            {
                throw new BenchFailedException($"trip {trip}: circuit never opened everywhere within {Deadline.TotalSeconds}s "
                    + $"(failures {failures}, shed at proxy 0: {firstShed is not null}, open at: {string.Join(", ", seen.Select(s => s is null ? "never" : "yes"))})");
            }

            if (trip < 0)
            {
                continue;
            }

            var last = seen.Max(s => s!.Value);
            allOpen.Add(last - tripped.Value);
            allOpenFromShed.Add(last - firstShed.Value);
            shed.Add(firstShed.Value - tripped.Value);
            failuresBeforeShed.Add(failures);
            for (var k = 0; k < seen.Length; k++)
            {
                perProxy[k].Add(seen[k]!.Value - tripped.Value);
            }
        }

        backend.Failing = false;
        Console.WriteLine($"## circuit trip to shed: {proxyCount} proxies, {trips} trips (after {WarmupTrips} unmeasured); "
            + $"failureRatio 0.5, minimumThroughput {MinimumThroughput}, breakDuration 2s; /circuits polled about every 1 ms");
        Console.WriteLine();
        Console.WriteLine(Summary.Header($"from the response of failure #{MinimumThroughput} at proxy 0 until …"));
        var every = Summary.Of(allOpen);
        Console.WriteLine(every.Row("every proxy's /circuits shows open"));
        for (var k = 0; k < perProxy.Length; k++)
        {
            Console.WriteLine(Summary.Of(perProxy[k]).Row($"{mesh.Proxies[k].Id} shows open"));
        }

        Console.WriteLine(Summary.Of(shed).Row("proxy 0 sheds (503 + x-mesh-circuit: open)"));
        Console.WriteLine(Summary.Of(allOpenFromShed).Row("every proxy open, counted from proxy 0's first shed (may be < 0)"));
        var failed = Summary.Of(failuresBeforeShed);
        Console.WriteLine();
        Console.WriteLine($"failures answered by proxy 0 before its first shed: p50 {failed.P50}, max {failed.Max} (minimumThroughput {MinimumThroughput})");
        Console.WriteLine($"target p99 <= {TargetP99Ms} ms (failure #{MinimumThroughput} -> every proxy open): {(every.P99 <= TargetP99Ms ? "met" : "MISSED")} (p99 {Summary.Ms(every.P99)} ms)");
        return 0;
    }

    private static async Task WaitStateAsync(ProxyNode proxy, string state, CancellationToken cancellationToken)
    {
        if (await Poll.UntilAsync(async ct => await proxy.CircuitStateAsync(Service, ct) == state, Deadline, cancellationToken) is null)
        {
            throw new BenchFailedException($"proxy {proxy.Id} never showed the circuit {state}:\n{proxy.Process.Tail}");
        }
    }

    /// <summary>Sends one request after another until proxy 0 sheds; returns when failure #minimumThroughput and the first shed were answered.</summary>
    private static async Task<(double? Tripped, double? Shed, int Failures)> DriveUntilShedAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        double? tripped = null;
        var failures = 0;
        var until = Clock.NowMs + Deadline.TotalMilliseconds;
        while (Clock.NowMs < until)
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var now = Clock.NowMs;
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable
                && response.Headers.TryGetValues(CircuitHeader, out var values) && values.Contains("open"))
            {
                return (tripped, now, failures);
            }

            if ((int)response.StatusCode >= 500 && ++failures == MinimumThroughput)
            {
                tripped = now;
            }
        }

        return (tripped, null, failures);
    }
}
