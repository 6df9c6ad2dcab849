using Mesh.Contracts.Proxies;
using Mesh.Contracts.Validation;
using Mesh.Hosting;
using Mesh.Proxy.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mesh.Proxy.Telemetry;

internal static class ProxyTelemetry
{
    private const string ServiceName = "mesh-proxy";

    /// <summary>
    /// Every proxy is service <c>mesh-proxy</c>; its id (<c>service.instance.id</c>), mode and mesh identity tell a
    /// trace's hops apart: the edge, the caller's sidecar and the called service's sidecar.
    /// </summary>
    public static WebApplicationBuilder AddProxyTelemetry(this WebApplicationBuilder builder, ProxyOptions proxy, string identity)
    {
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceInstanceId: proxy.ResolvedId)
                .AddAttributes([
                    new("mesh.proxy.mode", EnumNames<ProxyMode>.Name(proxy.Mode)),
                    new("mesh.identity", identity),
                ]))
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
