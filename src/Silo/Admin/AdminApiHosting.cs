using Mesh.Silo.Admin.Access;
using Mesh.Silo.Admin.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Mesh.Silo.Admin;

internal static class AdminApiHosting
{
    public const string ApiPrefix = "/api";

    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => AdminJson.Configure(json.SerializerOptions));
        builder.Services.AddAdminOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AdminCredentials>();
        return builder;
    }

    public static WebApplication UseAdminPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWhen(IsApi, api => api.UseMiddleware<ConfigVersionMiddleware>());
        app.UseMiddleware<AdminAccessMiddleware>();
        return app;
    }

    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var v1 = app.MapGroup(ApiPrefix + "/v1");
        v1.MapServicesApi()
            .MapEndpointsApi()
            .MapRoutesApi()
            .MapRateLimitsApi()
            .MapCircuitsApi()
            .MapIdentityApi()
            .MapAuthzApi()
            .MapEdgeCertificatesApi()
            .MapConsumersApi()
            .MapJwtProvidersApi()
            .MapConfigApi()
            .MapCacheApi()
            .MapAnalyticsApi()
            .MapProxiesApi();
        app.MapAdminLogin();
        app.MapOpenApi();
        app.MapScalarApiReference("/api-docs", page => page
            .WithTitle("Mesh admin API")
            .WithOpenApiRoutePattern(AdminOpenApi.DocumentPath)
            .AddPreferredSecuritySchemes(AdminDocumentTransformer.SecurityScheme)
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts());
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiPrefix);
}
