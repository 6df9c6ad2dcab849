using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Convergence;

/// <summary>
/// An apply is one version: proxies go from the configuration before it to the one after it, never through a
/// half-applied one. Each of 50 applies changes two services, a static endpoint and three routes at once, while
/// clients call through both edges; every version an edge applies must be one an apply answered.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed partial class AtomicApplyTests(EdgeFixture edge)
{
    private const int Applies = 50;

    [Fact]
    public async Task FiftyApplies_OfFiveResourcesEach_AreFiftyVersions_AndEveryEdgeAppliesOnlyThose_WhileServing()
    {
        await using var one = await TestBackend.StartAsync("atomic-one");
        await using var two = await TestBackend.StartAsync("atomic-two");
        var name = Names.Unique("atomic");
        var historyBefore = await HistoryCountAsync();
        var proxyOutput = (edge.Proxy.Process.Output.Length, edge.SecondProxy.Process.Output.Length);
        await edge.SyncAsync(await ApplyAsync(Document(name, 0, one, two)));
        using var stop = new CancellationTokenSource();
        var served = new int[1];
        var traffic = Task.WhenAll(CallAsync(edge.Proxy.Http, name, served, stop.Token), CallAsync(edge.SecondProxy.Http, name, served, stop.Token));

        var versions = new List<long>();
        for (var i = 1; i <= Applies; i++)
        {
            versions.Add(await ApplyAsync(Document(name, i, one, two)));
            var before = Volatile.Read(ref served[0]);
            await edge.SyncAsync(versions[^1]);
            await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref served[0]) > before + 1), "requests between two applies");
        }

        await stop.CancelAsync();
        var answers = (await traffic).SelectMany(a => a).ToList();

        var commits = await CommitVersionsSinceAsync(versions[0]);
        Assert.Equal(Applies + 1, await HistoryCountAsync() - historyBefore);
        Assert.Equal(versions, commits);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        foreach (var (proxy, from) in new[] { (edge.Proxy, proxyOutput.Item1), (edge.SecondProxy, proxyOutput.Item2) })
        {
            var applied = Applied().Matches(proxy.Process.Output[from..])
                .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Where(v => v >= versions[0])
                .ToList();
            // Versions that are not commits are changes of endpoint state (other tests' endpoints in this shared silo).
            Assert.Equal(versions, applied.Where(commits.Contains).Distinct().Order());
        }
    }

    /// <summary>
    /// Configuration <paramref name="round"/>: the route's header and its service's endpoint say the same backend,
    /// and a second service and two more routes change with them.
    /// </summary>
    private static string Document(string name, int round, TestBackend one, TestBackend two)
    {
        var backend = round % 2 == 0 ? one : two;
        return $$"""
            { "services": {
                "{{name}}": { "timeout": "{{5 + (round % 3)}}s", "healthCheck": { "enabled": false }, "endpoints": [ { "id": "e1", "address": "{{backend.Address}}" } ] },
                "{{name}}-side": { "timeout": "{{10 + round}}s" } },
              "routes": {
                "{{name}}": { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
                              "transforms": [ { "requestHeader": "x-config", "set": "{{backend.Name}}" } ] },
                "{{name}}-b": { "match": { "path": "/{{name}}-b/{**rest}" }, "backends": [ { "service": "{{name}}-side" } ], "order": {{round}} },
                "{{name}}-c": { "match": { "path": "/{{name}}-c/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "order": {{round}} } } }
            """;
    }

    private static async Task<List<HttpStatusCode>> CallAsync(HttpClient http, string name, int[] served, CancellationToken stop)
    {
        var answers = new List<HttpStatusCode>();
        while (!stop.IsCancellationRequested)
        {
            using var response = await http.GetAsync($"/{name}/x", CancellationToken.None);
            answers.Add(response.StatusCode);
            Interlocked.Increment(ref served[0]);
        }

        return answers;
    }

    private async Task<long> ApplyAsync(string document)
    {
        using var response = await edge.Admin.PostAsync("/api/v1/config/apply?prune=false", new StringContent(document, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (long)(await response.ReadJsonAsync())["version"]!;
    }

    /// <summary>The configuration versions (commits) from <paramref name="first"/> on, oldest first.</summary>
    private async Task<List<long>> CommitVersionsSinceAsync(long first) =>
        [.. JsonNode.Parse(await edge.Admin.GetStringAsync("/api/v1/config/history"))!.AsArray().Select(h => (long)h!["version"]!).Where(v => v >= first).Order()];

    private async Task<int> HistoryCountAsync() => JsonNode.Parse(await edge.Admin.GetStringAsync("/api/v1/config/history"))!.AsArray().Count;

    [GeneratedRegex(@"Applied catalog version (\d+)")]
    private static partial Regex Applied();
}
