using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.RateLimiting;

/// <summary>With the control plane gone, each policy's fail mode decides beyond the tokens a proxy still holds.</summary>
public sealed class FailModeTests
{
    [Fact]
    public async Task SiloKilled_FailOpenAdmits_FailClosedRefuses_AndMetricsSayWhy()
    {
        await using var backend = await TestBackend.StartAsync("limited");
        await using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();
        await silo.Http.PutServiceAsync("limited", """{ "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 } }""");
        await silo.Http.PutEndpointAsync("limited", backend);
        await silo.Http.PutAsync("/api/v1/ratelimits/open", HttpJson.Json("""{ "permitsPerSecond": 1, "burst": 2, "partitionBy": "global", "failMode": "open" }"""));
        await silo.Http.PutAsync("/api/v1/ratelimits/closed", HttpJson.Json("""{ "permitsPerSecond": 1, "burst": 2, "partitionBy": "global", "failMode": "closed" }"""));
        await silo.Http.PutRouteAsync("open", """{ "match": { "path": "/open/{**rest}" }, "backends": [ { "service": "limited" } ], "rateLimit": "open" }""");
        var version = await silo.Http.PutRouteAsync("closed", """{ "match": { "path": "/closed/{**rest}" }, "backends": [ { "service": "limited" } ], "rateLimit": "closed" }""");
        await using var proxy = ProxyProcess.Start(silo.GatewayPort);
        await proxy.WaitUntilReadyAsync();
        await proxy.WaitForVersionAsync(version);
        Assert.Equal(HttpStatusCode.OK, (await proxy.Http.GetAsync("/open/warm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await proxy.Http.GetAsync("/closed/warm")).StatusCode);

        silo.Process.KillNow();
        var open = await Burst.GetAsync(proxy.Http, "/open/x", 20);
        var closed = await Burst.GetAsync(proxy.Http, "/closed/x", 20);

        Assert.All(open, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.True(closed.Count(s => s.Status == HttpStatusCode.TooManyRequests) >= 18, string.Join("; ", closed));
        var metrics = await Eventually.ReturnsAsync(
            proxy.MetricsAsync,
            m => m.Contains("mesh_proxy_control_plane_connected{otel_scope_name=\"Mesh.Proxy\"} 0", StringComparison.Ordinal),
            "the proxy to report the control plane unreachable");
        Assert.Contains("where=\"fail_open\"", metrics, StringComparison.Ordinal);
        Assert.Contains("where=\"fail_closed\"", metrics, StringComparison.Ordinal);
    }
}
