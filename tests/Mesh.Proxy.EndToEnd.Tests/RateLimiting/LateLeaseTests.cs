using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.RateLimiting;

/// <summary>A silo that pauses longer than a proxy waits for a lease still grants it: those tokens must be spent, not stranded.</summary>
public sealed class LateLeaseTests
{
    /// <summary>How long a proxy lets the fail mode decide after a lease it gave up on (LeasedBucket.DegradedBackoff), plus slack.</summary>
    private static readonly TimeSpan DegradedBackoff = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task ALeaseTheSiloAnswersAfterTheProxyGaveUp_IsSpentByTheProxy_WhileTheSiloIsPausedAgain()
    {
        await using var backend = await TestBackend.StartAsync("paused");
        await using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();
        await silo.Http.PutServiceAsync("paused", """{ "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 } }""");
        await silo.Http.PutEndpointAsync("paused", backend);
        await silo.Http.PutAsync("/api/v1/ratelimits/late", HttpJson.Json("""{ "permitsPerSecond": 1, "burst": 5, "partitionBy": "global", "failMode": "closed" }"""));
        var version = await silo.Http.PutRouteAsync("paused", """{ "match": { "path": "/paused/{**rest}" }, "backends": [ { "service": "paused" } ], "rateLimit": "late" }""");
        await using var proxy = ProxyProcess.Start(silo.GatewayPort);
        await proxy.WaitUntilReadyAsync();
        await proxy.WaitForVersionAsync(version);

        Stopwatch gaveUp;
        using (silo.Process.Pause())
        {
            using var refused = await proxy.Http.GetAsync("/paused/first");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            gaveUp = Stopwatch.StartNew();
        }

        await Eventually.HoldsAsync(
            async () => JsonDocument.Parse(await silo.Http.GetStringAsync("/api/v1/ratelimits/late/buckets/*")).RootElement.GetProperty("granted").GetInt64() >= 1,
            "the resumed silo to grant the lease the proxy stopped waiting for");
        if (DegradedBackoff - gaveUp.Elapsed is { Ticks: > 0 } backoffLeft)
        {
            // Until then the fail mode answers requests the proxy holds no token for, with or without the late grant.
            await Task.Delay(backoffLeft);
        }

        using (silo.Process.Pause())
        {
            using var admitted = await proxy.Http.GetAsync("/paused/second");
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }
    }
}
