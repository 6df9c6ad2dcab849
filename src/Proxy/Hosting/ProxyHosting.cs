using Mesh.Hosting;
using Mesh.Proxy.Admin;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.ControlPlane;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.LoadBalancing;
using Mesh.Proxy.Mirroring;
using Mesh.Proxy.RateLimiting;
using Mesh.Proxy.Resilience;
using Mesh.Proxy.Routing;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Mesh.Proxy.Hosting;

internal static class ProxyHosting
{
    private const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddMeshProxy(this WebApplicationBuilder builder)
    {
        var proxy = StartupOptions.Read<ProxyOptions, ProxyOptionsValidator>(builder.Configuration, ProxyOptions.Section);
        var cluster = StartupOptions.Read<ControlPlaneOptions, ControlPlaneOptionsValidator>(builder.Configuration, ControlPlaneOptions.Section);
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();

        builder.WebHost.UseUrls(proxy.Urls + ";" + proxy.AdminUrls);
        builder.AddControlPlaneClient(cluster);
        builder.AddProxyTelemetry();
        builder.Services.AddProblemDetails();
        builder.Services.AddReverseProxy().LoadFromMemory([], []);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SnapshotFile>();
        builder.Services.AddSingleton<SnapshotApplier>();
        builder.Services.AddSingleton<IConfigChangeListener, YarpConfigListener>();
        builder.Services.AddSingleton<ControlPlaneStatus>();
        builder.Services.AddSingleton<CatalogObserver>();
        builder.Services.AddHostedService<CatalogWatcher>();
        builder.Services.AddHostedService<ProxyReporter>();
        builder.Services.AddSingleton<BackendSelector>();
        builder.Services.AddSingleton<EndpointLoad>();
        builder.Services.AddSingleton<EndpointPickers>();
        builder.Services.AddSingleton<RetryBudget>();
        builder.Services.AddSingleton<RequestMirror>();
        builder.Services.AddSingleton<MeshForwarder>();
        builder.Services.AddSingleton<ProxyAdminEndpoints>();
        builder.Services.AddSingleton<OutcomeLedger>();
        builder.Services.AddHostedService<OutcomeReporter>();
        builder.Services.AddSingleton<CircuitStates>();
        builder.Services.AddSingleton<CircuitObserver>();
        builder.Services.AddSingleton<CircuitProbes>();
        builder.Services.AddHostedService<CircuitWatcher>();
        builder.Services.AddSingleton<ProxyRateLimitMetrics>();
        builder.Services.AddSingleton<MeshRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<MeshRateLimiter>((limits, mesh) =>
            {
                limits.GlobalLimiter = mesh.Create();
                limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limits.OnRejected = RateLimitResponses.OnRejectedAsync;
            });
        return builder;
    }

    public static WebApplication MapMeshProxy(this WebApplication app)
    {
        var adminPorts = ListenUrls.Ports(app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.AdminUrls).ToHashSet();
        var admin = app.Services.GetRequiredService<ProxyAdminEndpoints>();
        app.UseWhen(
            context => adminPorts.Contains(context.Connection.LocalPort),
            branch => branch
                .UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath)
                .Run(admin.HandleAsync));

        app.UseMiddleware<ProxyIdentityMiddleware>();
        app.UseRateLimiter();
        var forwarder = app.Services.GetRequiredService<MeshForwarder>();
        app.MapReverseProxy(pipeline => pipeline.Run(forwarder.InvokeAsync));
        app.MapFallback("{**path}", context => ProblemResponses.WriteAsync(
            context, StatusCodes.Status404NotFound, "No route matches", $"{context.Request.Method} {context.Request.Host}{context.Request.Path}"));
        return app;
    }
}
