using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Mesh.Silo.Telemetry;

internal static class TelemetryHosting
{
    private const string ServiceName = "mesh-silo";

    public static WebApplicationBuilder AddMeshTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", SiloMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapMeshMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
