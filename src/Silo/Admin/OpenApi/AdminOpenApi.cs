namespace Mesh.Silo.Admin.OpenApi;

/// <summary>The OpenAPI document of the admin API, and only of it: the dashboard's and the probes' routes stay out.</summary>
internal static class AdminOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer<AdminDocumentTransformer>();
        options.AddOperationTransformer<AdminOperationTransformer>();
    });
}
