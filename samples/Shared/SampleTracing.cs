using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mesh.Samples;

/// <summary>
/// Traces of a sample service, exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting
/// names a collector: its server spans continue the <c>traceparent</c> its sidecar sent, and its outgoing calls
/// carry the trace on, so one trace runs edge → sidecar → app → sidecar → app. Linked into each sample's project.
/// </summary>
internal static class SampleTracing
{
    private const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddSampleTracing(this WebApplicationBuilder builder, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return builder;
    }

    // A sidecar probes its app every few seconds; those spans would bury the traces of real calls.
    private static bool IsHealthProbe(PathString path) =>
        path == "/healthz" || path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
}
