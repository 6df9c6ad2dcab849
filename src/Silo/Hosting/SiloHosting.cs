using Mesh.Silo.Admin;
using Mesh.Silo.Admin.MeshPage;
using Mesh.Silo.Identity;
using Mesh.Silo.Jwt;
using Mesh.Silo.Telemetry;
using Orleans.Dashboard;

using Mesh.Hosting;

namespace Mesh.Silo.Hosting;

internal static class SiloHosting
{
    /// <summary>Admin request bodies above this answer 413.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddMeshSilo(this WebApplicationBuilder builder)
    {
        var admin = StartupOptions.Add<AdminOptions, AdminOptionsValidator>(builder.Services, builder.Configuration, AdminOptions.Section);
        var cluster = StartupOptions.Add<ClusterHostOptions, ClusterHostOptionsValidator>(builder.Services, builder.Configuration, ClusterHostOptions.Section);
        StartupOptions.Add<MeshOptions, MeshOptionsValidator>(builder.Services, builder.Configuration, MeshOptions.Section);
        StartupOptions.Add<IdentityOptions, IdentityOptionsValidator>(builder.Services, builder.Configuration, IdentityOptions.Section);
        StartupOptions.Add<JwksOptions, JwksOptionsValidator>(builder.Services, builder.Configuration, JwksOptions.Section);
        builder.Services.AddHttpClient(JwksGrain.HttpClientName);

        builder.WebHost.UseUrls(admin.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddMeshOrleans(cluster);
        builder.AddMeshTelemetry();
        builder.Services.AddSingleton<SiloReadiness>();
        builder.AddAdminApi();
        return builder;
    }

    public static WebApplication MapMeshSilo(this WebApplication app)
    {
        app.UseAdminPipeline();
        app.UseMeshPage();
        app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", (SiloReadiness readiness) =>
            readiness.IsReady ? Results.Text("ready") : Results.Text("not ready: silo has not joined the cluster", statusCode: StatusCodes.Status503ServiceUnavailable))
            .ExcludeFromDescription();
        app.MapMeshMetrics();
        app.MapOrleansDashboard("/dashboard");
        app.MapAdminApi();
        return app;
    }
}
