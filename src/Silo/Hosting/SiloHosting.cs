using Mesh.Silo.Admin;
using Mesh.Silo.Identity;
using Mesh.Silo.Telemetry;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

using Mesh.Hosting;

namespace Mesh.Silo.Hosting;

internal static class SiloHosting
{
    /// <summary>Admin request bodies above this answer 413.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddMeshSilo(this WebApplicationBuilder builder)
    {
        var admin = StartupOptions.Read<AdminOptions, AdminOptionsValidator>(builder.Configuration, AdminOptions.Section);
        var cluster = StartupOptions.Read<ClusterHostOptions, ClusterHostOptionsValidator>(builder.Configuration, ClusterHostOptions.Section);
        StartupOptions.Read<MeshOptions, MeshOptionsValidator>(builder.Configuration, MeshOptions.Section);
        StartupOptions.Read<IdentityOptions, IdentityOptionsValidator>(builder.Configuration, IdentityOptions.Section);

        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<ClusterHostOptions>().BindConfiguration(ClusterHostOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<MeshOptions>().BindConfiguration(MeshOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<ClusterHostOptions>, ClusterHostOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<MeshOptions>, MeshOptionsValidator>();
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();

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
