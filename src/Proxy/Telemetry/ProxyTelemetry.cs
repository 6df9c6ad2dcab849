using Mesh.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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
                .AddPrometheusExporter())
            .WithOtlpExportWhenConfigured(builder.Configuration, tracing => tracing
                .AddSource("Yarp.ReverseProxy", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        return builder;
    }
}
