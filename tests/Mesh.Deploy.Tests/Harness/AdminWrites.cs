using System.Diagnostics;
using System.Net;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Harness;

/// <summary>Admin API calls made the way an operator's script would during an incident: retried across silos.</summary>
public static class AdminWrites
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// PUTs <paramref name="json"/> to <paramref name="path"/> on each silo in turn until one answers 200; returns the
    /// time that took and the catalog version of the write. Throws when <paramref name="deadline"/> passes first.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, long Version)> PutUntilAcceptedAsync(IReadOnlyList<SiloProcess> silos, string path, string json, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var attempts = new List<string>();
        for (var i = 0; clock.Elapsed < deadline; i++)
        {
            var silo = silos[i % silos.Count];
            using var http = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = AttemptTimeout };
            try
            {
                using var response = await http.PutJsonAsync(path, json);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (clock.Elapsed, response.ConfigVersion());
                }

                attempts.Add($"{clock.Elapsed.TotalSeconds:F1}s :{silo.AdminPort} {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                attempts.Add($"{clock.Elapsed.TotalSeconds:F1}s :{silo.AdminPort} {e.GetType().Name}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no silo accepted PUT {path} within {deadline}: {string.Join(", ", attempts.TakeLast(10))}");
    }

    /// <summary>A service, an endpoint on <paramref name="backend"/>, a rate-limit policy and a route <c>/{name}/...</c> to it.</summary>
    public static async Task<long> ConfigureServiceAndRouteAsync(HttpClient admin, string name, Backend backend)
    {
        await AcceptAsync(admin.PutJsonAsync($"/api/v1/services/{name}", """{ "loadBalancing": "roundRobin", "timeout": "5s" }"""));
        await AcceptAsync(admin.PutJsonAsync($"/api/v1/services/{name}/endpoints/{name}-1", $$"""{ "address": "{{backend.Address}}" }"""));
        await AcceptAsync(admin.PutJsonAsync($"/api/v1/ratelimits/{name}-limit", """{ "permitsPerSecond": 1000, "burst": 1000 }"""));
        using var route = await AcceptAsync(admin.PutJsonAsync(
            $"/api/v1/routes/{name}",
            $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "rateLimit": "{{name}}-limit" }"""));
        return route.ConfigVersion();
    }

    private static async Task<HttpResponseMessage> AcceptAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
