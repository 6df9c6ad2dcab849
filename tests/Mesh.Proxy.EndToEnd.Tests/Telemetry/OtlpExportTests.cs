using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;
using Mesh.Testing.Otlp;

namespace Mesh.Proxy.EndToEnd.Tests.Telemetry;

/// <summary>Traces and metrics leave over OTLP when the standard OTEL_EXPORTER_OTLP_* settings name a collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task SiloAndProxy_WithAnOtlpEndpoint_ExportTracesAndMetricsOfTheTrafficTheyServe()
    {
        await using var siloCollector = await OtlpCollector.StartAsync();
        await using var proxyCollector = await OtlpCollector.StartAsync();
        await using var backend = await TestBackend.StartAsync("traced");
        await using var silo = SiloProcess.Start(extraArguments: siloCollector.ExportArguments);
        await silo.WaitUntilReadyAsync();
        var name = Names.Unique("traced");
        await silo.Http.PutServiceAsync(name);
        await silo.Http.PutEndpointAsync(name, backend);
        var version = await silo.Http.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""");
        await using var proxy = ProxyProcess.Start(silo.GatewayPort, id: "traced-edge", extraArguments: proxyCollector.ExportArguments);
        await proxy.WaitUntilReadyAsync();
        await proxy.WaitForVersionAsync(version);

        using var response = await proxy.Http.GetAsync("/" + name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var traceparent = Assert.Single(backend.Requests).Header("traceparent");
        Assert.NotNull(traceparent);
        var traceId = traceparent.Split('-')[1];
        await Eventually.HoldsAsync(
            () => Task.FromResult(proxyCollector.Trace(traceId).Any(span => span.Kind == "server" && span.ServiceInstance == "traced-edge")),
            "the proxy's server span of the request");
        Assert.Equal("mesh-proxy", proxyCollector.Trace(traceId)[0].ServiceName);
        await Eventually.HoldsAsync(() => Task.FromResult(siloCollector.Spans.Any(span => span.ServiceName == "mesh-silo")), "the silo's spans");
        await Eventually.HoldsAsync(() => Task.FromResult(proxyCollector.MetricExports > 0 && siloCollector.MetricExports > 0), "both programs' metrics");
        Assert.Empty(proxyCollector.Rejected);
        Assert.Empty(siloCollector.Rejected);
    }
}
