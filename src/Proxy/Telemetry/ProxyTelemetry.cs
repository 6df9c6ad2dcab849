using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Mesh.Proxy.Telemetry;

internal static class ProxyTelemetry
{
    private const string ServiceName = "mesh-proxy";

    public static WebApplicationBuilder AddProxyTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(ProxyMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }
}
