using Mesh.Contracts.Proxies;
using Mesh.Hosting;
using Mesh.Hosting.Health;
using Mesh.Proxy.Access;
using Mesh.Proxy.Admin;
using Mesh.Proxy.Analytics;
using Mesh.Proxy.AccessLogs;
using Mesh.Proxy.Caching;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.ControlPlane;
using Mesh.Proxy.Faults;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.Identity;
using Mesh.Proxy.LoadBalancing;
using Mesh.Proxy.Mirroring;
using Mesh.Proxy.RateLimiting;
using Mesh.Proxy.Resilience;
using Mesh.Proxy.Routing;
using Mesh.Proxy.Sidecar;
using Mesh.Proxy.Telemetry;
using Mesh.Proxy.Tls;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Hosting;

internal static class ProxyHosting
{
    private const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddMeshProxy(this WebApplicationBuilder builder)
    {
        var proxy = StartupOptions.Add<ProxyOptions, ProxyOptionsValidator>(builder.Services, builder.Configuration, ProxyOptions.Section);
        var cluster = StartupOptions.Add<ControlPlaneOptions, ControlPlaneOptionsValidator>(builder.Services, builder.Configuration, ControlPlaneOptions.Section);
        StartupOptions.Add<TrustOptions, TrustOptionsValidator>(builder.Services, builder.Configuration, TrustOptions.Section);
        StartupOptions.Add<ProxyCacheOptions, ProxyCacheOptionsValidator>(builder.Services, builder.Configuration, ProxyCacheOptions.Section);
        var sidecar = proxy.Mode == ProxyMode.Sidecar ? builder.AddSidecar() : null;
        var identity = sidecar?.Service ?? proxy.Identity;

        builder.AddListeners(proxy, sidecar);

        builder.AddControlPlaneClient(cluster);
        builder.AddProxyTelemetry(proxy, identity);
        builder.Services.AddProblemDetails();
        builder.Services.AddReverseProxy().LoadFromMemory([], []);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SnapshotFile>();
        builder.Services.AddSingleton<SnapshotApplier>();
        builder.Services.AddSingleton<IConfigChangeListener, YarpConfigListener>();
        builder.Services.AddSingleton<ControlPlaneStatus>();
        builder.Services.AddSingleton<CatalogObserver>();
        builder.Services.AddKeyedSingleton<Wakeup>(Wakeup.Catalog);
        builder.Services.AddHostedService<CatalogWatcher>();
        builder.Services.AddHostedService<ProxyReporter>();
        builder.Services.AddSingleton<BackendSelector>();
        builder.Services.AddSingleton<EndpointLoad>();
        builder.Services.AddSingleton<EndpointPickers>();
        builder.Services.AddSingleton<RetryBudget>();
        builder.Services.AddSingleton<RequestMirror>();
        builder.Services.AddSingleton<UpstreamRequests>();
        builder.Services.AddSingleton<MeshForwarder>();
        builder.Services.AddSingleton(new WorkloadIdentity(identity));
        builder.Services.AddSingleton<MeshTrust>();
        builder.Services.AddSingleton<IdentityFile>();
        builder.Services.AddSingleton<ServerConnections>();
        builder.Services.AddSingleton<IdentityMetrics>();
        builder.Services.AddHostedService<IdentityRenewer>();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, MeshHttpClientFactory>();
        builder.Services.AddSingleton<ProxyAdminEndpoints>();
        builder.Services.AddSingleton<OutcomeLedger>();
        builder.Services.AddHostedService<OutcomeReporter>();
        builder.Services.AddSingleton<CircuitStates>();
        builder.Services.AddSingleton<CircuitObserver>();
        builder.Services.AddSingleton<CircuitProbes>();
        builder.Services.AddHostedService<CircuitWatcher>();
        builder.Services.AddSingleton<EdgeAccessMiddleware>();
        builder.Services.AddSingleton<FaultInjection>();
        builder.Services.AddSingleton<AccessLog>();
        builder.Services.AddSingleton<IRequestRecordSink>(services => services.GetRequiredService<AccessLog>());
        builder.Services.AddSingleton<ProxyAnalytics>();
        builder.Services.AddSingleton<IRequestRecordSink>(services => services.GetRequiredService<ProxyAnalytics>());
        builder.Services.AddSingleton<RequestRecordMiddleware>();
        builder.Services.AddHostedService<AccessLogWriter>();
        builder.Services.AddSingleton<CacheMetrics>();
        builder.Services.AddSingleton<ResponseStore>();
        builder.Services.AddSingleton<SnapshotPurges>();
        builder.Services.AddSingleton<EdgeCache>();
        // YARP needs the CORS services to accept a route's CorsPolicy ("disable": preflights match the route, and
        // EdgeAccessMiddleware answers them). The endpoint then carries CORS metadata that ASP.NET's CORS middleware,
        // which the edge does not run, would otherwise be required to have seen.
        builder.Services.AddCors();
        builder.Services.Configure<RouteOptions>(routing => routing.SuppressCheckForUnhandledSecurityMetadata = true);
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
        if (app.Services.GetRequiredService<RequestRecordMiddleware>() is { Enabled: true } records)
        {
            app.Use(records.InvokeAsync);
        }
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Mode == ProxyMode.Sidecar)
        {
            var inboundPorts = ListenUrls.Ports(app.Services.GetRequiredService<IOptions<SidecarOptions>>().Value.InboundUrls, Uri.UriSchemeHttps).ToHashSet();
            var inbound = app.Services.GetRequiredService<InboundHandler>();
            app.UseWhen(context => inboundPorts.Contains(context.Connection.LocalPort), branch => branch.Run(inbound.InvokeAsync));
        }

        // Only a sidecar's inbound listener may say who called: a client's own claim never travels on.
        app.Use((context, next) =>
        {
            context.Request.Headers.Remove(CallerHeaders.Caller);
            return next(context);
        });
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Mode == ProxyMode.Edge)
        {
            var access = app.Services.GetRequiredService<EdgeAccessMiddleware>();
            app.Use(access.InvokeAsync);
        }

        app.UseRateLimiter();
        var forwarder = app.Services.GetRequiredService<MeshForwarder>();
        app.MapReverseProxy(pipeline => pipeline.Run(forwarder.InvokeAsync));
        app.MapFallback("{**path}", context => ProblemResponses.WriteAsync(
            context, StatusCodes.Status404NotFound, "No route matches", $"{context.Request.Method} {context.Request.Host}{context.Request.Path}"));
        return app;
    }

    private static SidecarOptions AddSidecar(this WebApplicationBuilder builder)
    {
        var sidecar = StartupOptions.Add<SidecarOptions, SidecarOptionsValidator>(builder.Services, builder.Configuration, SidecarOptions.Section);
        builder.Services.AddSingleton<InboundTls>();
        builder.Services.AddSingleton<InboundHandler>();
        builder.Services.AddSingleton<EndpointProber>();
        builder.Services.AddHostedService<SidecarRegistration>();
        return sidecar;
    }

    /// <summary>Edge: <c>Urls</c> and <c>AdminUrls</c>. Sidecar: outbound, admin, and the inbound mTLS listener.</summary>
    private static void AddListeners(this WebApplicationBuilder builder, ProxyOptions proxy, SidecarOptions? sidecar)
    {
        var traffic = sidecar is null ? ListenUrls.ParseEdge(proxy.Urls) : ListenUrls.Parse(sidecar.OutboundUrls);
        var admin = ListenUrls.Parse(proxy.AdminUrls);
        var ports = traffic.Concat(admin).Concat(sidecar?.Inbound ?? []).Select(u => u.Port).ToList();
        if (ports.Distinct().Count() != ports.Count)
        {
            throw new StartupException(sidecar is null
                ? $"{ProxyOptions.Section}:Urls and {ProxyOptions.Section}:AdminUrls share a port"
                : $"{SidecarOptions.Section}:InboundUrls, {SidecarOptions.Section}:OutboundUrls and {ProxyOptions.Section}:AdminUrls must use different ports");
        }

        var cleartext = traffic.Where(u => u.Scheme == Uri.UriSchemeHttp).ToList();
        var tlsUrls = traffic.Where(u => u.Scheme == Uri.UriSchemeHttps).ToList();
        var tlsFiles = !string.IsNullOrWhiteSpace(proxy.TlsCertificateFile);
        if (tlsUrls.Count > 0)
        {
            if (tlsFiles)
            {
                builder.Services.AddSingleton<TlsCertificateFiles>();
                builder.Services.AddHostedService(services => services.GetRequiredService<TlsCertificateFiles>());
            }

            builder.Services.AddSingleton(services => new EdgeCertificates(services.GetService<TlsCertificateFiles>()));
            builder.Services.AddSingleton<EdgeCertificateKeyFile>();
            builder.Services.AddHostedService<EdgeCertificateSync>();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A proxy streams bodies through: the only limit is a route's own maxRequestBodyBytes.
            kestrel.Limits.MaxRequestBodySize = null;
            ProxyListeners.Listen(kestrel, cleartext, listen => CleartextHttp2Detection.Enable(kestrel, listen));
            if (tlsUrls.Count > 0)
            {
                kestrel.ApplicationServices.GetService<TlsCertificateFiles>()?.Load();
                var certificates = kestrel.ApplicationServices.GetRequiredService<EdgeCertificates>();
                var metrics = kestrel.ApplicationServices.GetRequiredService<ProxyMetrics>();
                ProxyListeners.Listen(kestrel, tlsUrls, listen => EdgeTls.Enable(listen, certificates, metrics));
            }

            ProxyListeners.Listen(kestrel, admin);
            if (sidecar is not null)
            {
                var tls = kestrel.ApplicationServices.GetRequiredService<InboundTls>();
                ProxyListeners.Listen(kestrel, sidecar.Inbound, listen => listen.UseHttps(tls.Options));
            }
        });
    }
}
