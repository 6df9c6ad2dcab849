using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Telemetry;

/// <summary>Traces and metrics leave over OTLP when the standard OTEL_EXPORTER_OTLP_* settings name a collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task SiloAndProxy_WithAnOtlpEndpoint_ExportTracesAndMetricsOfTheTrafficTheyServe()
    {
        await using var siloCollector = await TestBackend.StartAsync("silo-collector");
        await using var proxyCollector = await TestBackend.StartAsync("proxy-collector");
        await using var backend = await TestBackend.StartAsync("traced");
        await using var silo = SiloProcess.Start(extraArguments: Otlp(siloCollector));
        await silo.WaitUntilReadyAsync();
        var name = Names.Unique("traced");
        await silo.Http.PutServiceAsync(name);
        await silo.Http.PutEndpointAsync(name, backend);
        var version = await silo.Http.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");
        await using var proxy = ProxyProcess.Start(silo.GatewayPort, extraArguments: Otlp(proxyCollector));
        await proxy.WaitUntilReadyAsync();
        await proxy.WaitForVersionAsync(version);

        using var response = await proxy.Http.GetAsync("/" + name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(Assert.Single(backend.Requests).Header("traceparent"));
        foreach (var (collector, signal) in new[] { (proxyCollector, "traces"), (proxyCollector, "metrics"), (siloCollector, "traces"), (siloCollector, "metrics") })
        {
            await Eventually.HoldsAsync(
                () => Task.FromResult(collector.Requests.Any(r => r.Method == "POST" && r.Path == "/v1/" + signal && r.BodyLength > 0)),
                $"{collector.Name} to receive {signal}");
        }
    }

    private static string[] Otlp(TestBackend collector) =>
    [
        $"--OTEL_EXPORTER_OTLP_ENDPOINT={collector.Address}",
        "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
        "--OTEL_BSP_SCHEDULE_DELAY=200",
        "--OTEL_METRIC_EXPORT_INTERVAL=1000",
    ];
}
