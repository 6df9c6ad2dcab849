using Mesh.Bench.Backends;
using Mesh.Bench.Cli;
using Mesh.Bench.Cluster;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Convergence;

/// <summary>
/// Config convergence: each change PUTs a route with a new path (or, with <c>apply</c>, applies one document that
/// adds that route and changes another route and the service: three resources, one version); from the moment the
/// admin API answered, every proxy is polled on the new path (about every millisecond, concurrently) until it
/// answers 200. With a gap the cluster is left idle for that long after each change, so a change starts from a quiet
/// cluster, as an operator's apply does, rather than amid the previous change's background work.
/// </summary>
internal sealed class ConvergenceBenchmark(RepoLayout repo, int proxyCount, int changes, bool apply, TimeSpan gap)
{
    private const string Service = "conv";
    private const int WarmupChanges = 5;
    private const double TargetP99Ms = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var backend = await StubBackend.StartAsync(cancellationToken);
        await using var mesh = await MeshCluster.StartAsync(repo, proxyCount, cancellationToken);
        await ServiceSetup.AddAsync(mesh, Service, new { retry = new { attempts = 0 }, healthCheck = new { interval = "1s" } }, backend.Address, "warm", cancellationToken);

        var pollers = mesh.Proxies.Select(_ => BenchHttp.Create(2)).ToArray();
        var everyProxy = new List<double>();
        var fromSent = new List<double>();
        var admin = new List<double>();
        var perProxy = mesh.Proxies.Select(_ => new List<double>()).ToArray();
        var servedAtFirstPoll = 0;
        var timedOut = 0;
        try
        {
            for (var i = -WarmupChanges; i < changes; i++)
            {
                var id = i < 0 ? $"w{-i}" : $"c{i}";
                var sent = Clock.NowMs;
                var route = new { match = new { path = $"/{id}/{{**rest}}" }, backends = new[] { new { service = Service } } };
                if (apply)
                {
                    var other = new { match = new { path = "/other/{**rest}" }, backends = new[] { new { service = Service } }, order = i + WarmupChanges };
                    var document = new Dictionary<string, object>
                    {
                        ["services"] = new Dictionary<string, object> { [Service] = new { retry = new { attempts = 0 }, healthCheck = new { interval = "1s" }, timeout = $"{10 + (i & 7)}s" } },
                        ["routes"] = new Dictionary<string, object> { [id] = route, ["other"] = other },
                    };
                    await mesh.Admin.PostAsync("/api/v1/config/apply?prune=false", cancellationToken, document);
                }
                else
                {
                    await mesh.Admin.PutAsync($"/api/v1/routes/{id}", route, cancellationToken);
                }
                var answered = Clock.NowMs;
                var polls = await Task.WhenAll(mesh.Proxies.Select((proxy, k) => ServedAsync(pollers[k], new Uri(proxy.Base, $"/{id}/x"), cancellationToken)));
                if (gap > TimeSpan.Zero)
                {
                    await Task.Delay(gap, cancellationToken);
                }

                if (i < 0)
                {
                    continue;
                }

                admin.Add(answered - sent);
                for (var k = 0; k < polls.Length; k++)
                {
                    var (at, attempts) = polls[k];
                    timedOut += at is null ? 1 : 0;
                    servedAtFirstPoll += attempts == 1 ? 1 : 0;
                    perProxy[k].Add((at ?? (answered + Deadline.TotalMilliseconds)) - answered);
                }

                var last = polls.Max(p => p.At ?? (answered + Deadline.TotalMilliseconds));
                everyProxy.Add(last - answered);
                fromSent.Add(last - sent);
            }
        }
        finally
        {
            foreach (var poller in pollers)
            {
                poller.Dispose();
            }
        }

        Report(mesh, everyProxy, fromSent, admin, perProxy, servedAtFirstPoll, timedOut);
        return 0;
    }

    /// <summary>When <paramref name="url"/> first answered 200, and after how many requests.</summary>
    private static async Task<(double? At, int Attempts)> ServedAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var at = await Poll.UntilAsync(
            async ct =>
            {
                attempts++;
                using var response = await http.GetAsync(url, ct);
                return response.IsSuccessStatusCode;
            },
            Deadline,
            cancellationToken);
        return (at, attempts);
    }

    private void Report(MeshCluster mesh, List<double> everyProxy, List<double> fromSent, List<double> admin, List<double>[] perProxy, int servedAtFirstPoll, int timedOut)
    {
        var all = Summary.Of(everyProxy);
        var what = apply ? "applies of 3 resources each" : "route PUTs";
        var pace = gap > TimeSpan.Zero ? $"{gap.TotalMilliseconds:0} ms idle after each" : "back to back";
        Console.WriteLine($"## convergence: {proxyCount} proxies, {changes} {what} (after {WarmupChanges} unmeasured, {pace}), polled about every 1 ms");
        Console.WriteLine();
        Console.WriteLine(Summary.Header("from the admin API's answer until …"));
        Console.WriteLine(all.Row("every proxy serves the new path"));
        for (var k = 0; k < perProxy.Length; k++)
        {
            Console.WriteLine(Summary.Of(perProxy[k]).Row($"{mesh.Proxies[k].Id} serves it"));
        }

        Console.WriteLine(Summary.Of(fromSent).Row("every proxy, counted from the PUT being sent"));
        Console.WriteLine(Summary.Of(admin).Row($"the admin {(apply ? "apply" : "PUT")} itself (sent → answered)"));
        Console.WriteLine();
        var slowest = everyProxy.Select((ms, change) => (ms, change)).OrderByDescending(c => c.ms).Take(5);
        Console.WriteLine($"slowest changes (index: ms): {string.Join(", ", slowest.Select(c => $"{c.change}: {Summary.Ms(c.ms)}"))}");
        Console.WriteLine($"proxy polls that already got 200 on the first try: {servedAtFirstPoll} of {changes * proxyCount}; timed out after {Deadline.TotalSeconds}s: {timedOut}");
        Console.WriteLine($"target p99 <= {TargetP99Ms} ms: {(all.P99 <= TargetP99Ms ? "met" : "MISSED")} (p99 {Summary.Ms(all.P99)} ms)");
        if (timedOut > 0)
        {
            throw new BenchFailedException($"{timedOut} proxy polls never saw the new route within {Deadline.TotalSeconds}s");
        }
    }
}
