using Scalar.AspNetCore;

namespace Mesh.Silo.Admin;

internal static class AdminApiHosting
{
    private const string ApiPrefix = "/api";

    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => AdminJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseAdminPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWhen(IsApi, api => api.UseMiddleware<ConfigVersionMiddleware>().UseMiddleware<AdminTokenMiddleware>());
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
            .MapConfigApi()
            .MapProxiesApi();
        app.MapOpenApi();
        app.MapScalarApiReference("/api-docs");
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiPrefix);
}
