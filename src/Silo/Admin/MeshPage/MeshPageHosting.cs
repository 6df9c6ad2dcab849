using Microsoft.Extensions.FileProviders;

namespace Mesh.Silo.Admin.MeshPage;

/// <summary>
/// The mesh page at <c>/ui/</c>: static files embedded in the silo (no CDN, nothing to deploy beside it) that read the
/// admin API from the browser. The admin listener's guard covers it like every other path.
/// </summary>
internal static class MeshPageHosting
{
    public const string Path = "/ui";

    /// <summary>The page loads only its own files and talks only to this origin.</summary>
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    public static WebApplication UseMeshPage(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(MeshPageHosting).Assembly, typeof(MeshPageHosting).Namespace + ".wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseMiddleware<DashboardLinkMiddleware>();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // A silo upgrade brings new files: browsers revalidate instead of running an old script against a new API.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }
}
