using Mesh.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mesh.Samples;

/// <summary>
/// Traces of a sample service, exported over OTLP by the same rule as the silo and the proxy (<see cref="OtlpExport"/>,
/// linked in: only when the standard OTEL_EXPORTER_OTLP_* settings name a collector): its server spans continue the
/// <c>traceparent</c> its sidecar sent, and its outgoing calls carry the trace on, so one trace runs edge → sidecar →
/// app → sidecar → app. Linked into each sample's project.
/// </summary>
internal static class SampleTracing
{
    public static WebApplicationBuilder AddSampleTracing(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithOtlpExportWhenConfigured(builder.Configuration, tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation());
        return builder;
    }

    // A sidecar probes its app every few seconds; those spans would bury the traces of real calls.
    private static bool IsHealthProbe(PathString path) =>
        path == "/healthz" || path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
}
