using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Proxy.EndToEnd.Tests.Protocols;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.StaticStability;

/// <summary>
/// The data plane without its control plane: a proxy keeps serving its last snapshot when the silo dies,
/// starts from its snapshot file while the silo is down, and follows the silo's catalog when it is back.
/// Each test kills its own silo, so none shares one.
/// </summary>
public sealed class StaticStabilityTests
{
    /// <summary>Traffic before and after the kill: durations the test is about, not waits for state.</summary>
    private static readonly TimeSpan TrafficBeforeKill = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TrafficAfterKill = TimeSpan.FromSeconds(5);

    /// <summary>An Orleans client finds a restarted gateway on its own schedule: allow it a minute.</summary>
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Proxy_WhenTheSiloIsKilledUnderSteadyTraffic_FailsNoRequest()
    {
        await using var silo = await StartSiloAsync();
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        var name = Names.Unique("steady");
        await PutServiceAsync(silo, name, first, second);
        var version = await silo.Http.PutRouteAsync(name, Route(name, name));
        await using var proxy = await StartProxyAsync(silo.GatewayPort, version);

        await using var traffic = SteadyTraffic.Start(proxy.Http, $"/{name}");
        await Task.Delay(TrafficBeforeKill);
        var sentBeforeKill = traffic.Sent;
        silo.Process.KillNow();
        var (firstAtKill, secondAtKill) = (first.Received, second.Received);
        await Task.Delay(TrafficAfterKill);
        await traffic.StopAsync();

        Assert.True(traffic.Failures.Count == 0, $"{traffic.Failures.Count} of {traffic.Sent} requests failed:\n{string.Join('\n', traffic.Failures.Take(10))}");
        Assert.True(sentBeforeKill > 50, $"only {sentBeforeKill} requests before the kill");
        Assert.True(traffic.Sent - sentBeforeKill > 50, $"only {traffic.Sent - sentBeforeKill} requests after the kill");
        Assert.True(first.Received > firstAtKill && second.Received > secondAtKill, "load balancing stopped using both endpoints after the kill");
        using var ready = await proxy.Admin.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(version, await proxy.AppliedVersionAsync());
        await Eventually.HoldsAsync(
            async () => PrometheusText.Samples(await proxy.MetricsAsync(), "mesh_proxy_control_plane_connected").SequenceEqual([0.0]),
            "mesh_proxy_control_plane_connected to drop to 0");
    }

    [Fact]
    public async Task Proxy_RestartedWhileTheSiloIsDown_ServesFromItsSnapshotFile()
    {
        var snapshotPath = Path.Combine(Path.GetTempPath(), $"mesh-snapshot-{Guid.NewGuid():N}.json");
        try
        {
            await using var silo = await StartSiloAsync();
            await using var backend = await TestBackend.StartAsync("remembered");
            var name = Names.Unique("snapshot");
            await PutServiceAsync(silo, name, backend);
            var version = await silo.Http.PutRouteAsync(name, Route(name, name));
            var id = Names.Unique("edge-restarted");
            await using (var before = await StartProxyAsync(silo.GatewayPort, version, id, snapshotPath))
            {
                await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(snapshotPath)), "the proxy to write its snapshot file");

                // No chance to save anything at exit: the file must already hold the applied snapshot.
                silo.Process.KillNow();
                before.Process.KillNow();
            }

            await using var after = ProxyProcess.Start(silo.GatewayPort, id, snapshotPath);
            await after.WaitUntilReadyAsync();
            using var response = await after.Http.SendAsync(ProxyRequest.Get($"/{name}"));

            await ProxyAssert.ServedByAsync(response, backend, after);
            Assert.Equal(version, await after.AppliedVersionAsync());
            Assert.True(silo.Process.HasExited);
        }
        finally
        {
            File.Delete(snapshotPath);
        }
    }

    [Fact]
    public async Task Edge_RestartedWhileTheSiloIsDown_StillTerminatesTlsWithTheCatalogsCertificate()
    {
        var snapshotPath = Path.Combine(Path.GetTempPath(), $"mesh-snapshot-{Guid.NewGuid():N}.json");
        try
        {
            await using var silo = await StartSiloAsync();
            var host = Names.Unique("kept") + ".mesh.test";
            using var certificate = SelfSignedCertificate.For(host);
            var version = await silo.Http.PutCertificateAsync("kept", certificate.Document());
            var (id, port, tlsPort) = (Names.Unique("edge-tls"), FreePort.Next(), FreePort.Next());
            string[] urls = [$"--Mesh:Proxy:Urls=http://127.0.0.1:{port};https://127.0.0.1:{tlsPort}"];
            await using (var before = ProxyProcess.Start(silo.GatewayPort, id, snapshotPath, port: port, extraArguments: urls))
            {
                await before.WaitUntilReadyAsync();
                await before.WaitForVersionAsync(version);
                await Eventually.ReturnsAsync(() => TlsHandshake.PresentedAsync(tlsPort, host), t => t == certificate.Thumbprint, "the edge to serve the certificate");
                silo.Process.KillNow();
                before.Process.KillNow();
            }

            await using var after = ProxyProcess.Start(silo.GatewayPort, id, snapshotPath, port: port, extraArguments: urls);
            await after.WaitUntilReadyAsync();

            Assert.Equal(certificate.Thumbprint, await Eventually.ReturnsAsync(
                () => TlsHandshake.PresentedAsync(tlsPort, host), t => t is not null, "the restarted edge to answer TLS handshakes"));
            Assert.True(silo.Process.HasExited);
        }
        finally
        {
            File.Delete(snapshotPath);
            File.Delete(snapshotPath + ".keys.json");
        }
    }

    [Fact]
    public async Task Proxy_WhenTheSiloComesBack_ConvergesToTheCatalogAppliedThroughIt()
    {
        await using var old = await TestBackend.StartAsync("old");
        await using var replacement = await TestBackend.StartAsync("replacement");
        var name = Names.Unique("comeback");
        await using var lost = await StartSiloAsync();
        await PutServiceAsync(lost, $"{name}-old", old);
        await lost.Http.PutRouteAsync($"{name}-gone", Route($"{name}-gone", $"{name}-old"));
        var lostVersion = await lost.Http.PutRouteAsync(name, Route(name, $"{name}-old"));
        await using var proxy = await StartProxyAsync(lost.GatewayPort, lostVersion);

        lost.Process.KillNow();
        using var whileDown = await proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        await ProxyAssert.ServedByAsync(whileDown, old, proxy);

        // A new silo on the same ports with memory storage: it knows nothing until the config is applied again.
        await using var back = SiloProcess.Start(siloPort: lost.SiloPort, gatewayPort: lost.GatewayPort, adminPort: lost.AdminPort);
        await back.WaitUntilReadyAsync();
        await PutServiceAsync(back, $"{name}-new", replacement);
        await back.Http.PutRouteAsync($"{name}-added", Route($"{name}-added", $"{name}-new"));
        var version = await back.Http.PutRouteAsync(name, Route(name, $"{name}-new"));
        await proxy.WaitForVersionAsync(version, ReconnectDeadline);

        using var changed = await proxy.Http.SendAsync(ProxyRequest.Get($"/{name}"));
        using var added = await proxy.Http.SendAsync(ProxyRequest.Get($"/{name}-added"));
        using var gone = await proxy.Http.SendAsync(ProxyRequest.Get($"/{name}-gone"));
        await ProxyAssert.ServedByAsync(changed, replacement, proxy);
        await ProxyAssert.ServedByAsync(added, replacement, proxy);
        await ProxyAssert.ProblemAsync(gone, HttpStatusCode.NotFound, proxy);
        var listed = await Eventually.ReturnsAsync(
            async () => (await (await back.Http.GetAsync("/api/v1/proxies")).ReadJsonAsync()).AsArray(),
            proxies => proxies.Any(p => (string?)p?["id"] == proxy.Id && (bool?)p?["converged"] == true),
            "the restarted silo to list the proxy as converged",
            ReconnectDeadline);
        Assert.Equal(version, (long)listed.Single(p => (string?)p?["id"] == proxy.Id)!["appliedVersion"]!);
    }

    private static string Route(string path, string service) =>
        $$"""{ "match": { "path": "/{{path}}" }, "backends": [ { "service": "{{service}}" } ] }""";

    private static async Task<SiloProcess> StartSiloAsync()
    {
        var silo = SiloProcess.Start();
        try
        {
            await silo.WaitUntilReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task<ProxyProcess> StartProxyAsync(int gatewayPort, long version, string? id = null, string? snapshotPath = null)
    {
        var proxy = ProxyProcess.Start(gatewayPort, id, snapshotPath);
        try
        {
            await proxy.WaitUntilReadyAsync();
            await proxy.WaitForVersionAsync(version);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    private static async Task PutServiceAsync(SiloProcess silo, string name, params TestBackend[] backends)
    {
        await silo.Http.PutServiceAsync(name, """{ "loadBalancing": "roundRobin" }""");
        foreach (var backend in backends)
        {
            await silo.Http.PutEndpointAsync(name, backend);
        }
    }
}
