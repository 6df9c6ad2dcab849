using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mesh.Hosting;

/// <summary>
/// Traces and metrics over OTLP, on only when an endpoint is configured with the standard settings
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or the per-signal <c>…_TRACES_ENDPOINT</c>; protocol, headers, batch
/// delay and sampler as the OpenTelemetry SDK reads them). Without one no span is even recorded: a tracing
/// pipeline with nowhere to send costs a proxy throughput for nothing.
/// </summary>
public static class OtlpExport
{
    private const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string TracesEndpointKey = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointKey]) || !string.IsNullOrWhiteSpace(configuration[TracesEndpointKey]);

    /// <summary>Adds trace export of <paramref name="sources"/> and metric export beside Prometheus, when configured.</summary>
    public static IOpenTelemetryBuilder WithOtlpExportWhenConfigured(this IOpenTelemetryBuilder telemetry, IConfiguration configuration, Action<TracerProviderBuilder> sources)
    {
        if (!IsConfigured(configuration))
        {
            return telemetry;
        }

        return telemetry
            .WithTracing(tracing =>
            {
                sources(tracing);
                tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics => metrics.AddOtlpExporter());
    }
}
