using System.Text;

namespace Mesh.Silo.Admin.MeshPage;

/// <summary>
/// Adds a link to the mesh page on the Orleans dashboard's host page, which ships inside its package: people who open
/// the dashboard for grains find services one click away. Only that one small HTML answer is read and rewritten.
/// </summary>
internal sealed class DashboardLinkMiddleware(RequestDelegate next)
{
    public const string HostPage = "/dashboard/";

    private const string BodyEnd = "</body>";

    private static readonly string Link =
        $"""<a id="mesh-page-link" href="{MeshPageHosting.Path}/" style="position:fixed;right:16px;bottom:16px;z-index:10000;padding:8px 14px;border-radius:6px;background:#1f6feb;color:#fff;font:600 14px system-ui,sans-serif;text-decoration:none;box-shadow:0 2px 6px rgba(0,0,0,.3)">Mesh page: services and calls →</a>""";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.Equals(HostPage, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        // The page is rewritten as text, and its ETag names the page without the link.
        request.Headers.AcceptEncoding = default;
        request.Headers.IfNoneMatch = default;
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        var page = buffer.ToArray();
        if (response.StatusCode == StatusCodes.Status200OK && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(page);
            var end = html.LastIndexOf(BodyEnd, StringComparison.OrdinalIgnoreCase);
            if (end >= 0)
            {
                page = Encoding.UTF8.GetBytes(html.Insert(end, Link));
                response.Headers.ETag = default;
                response.ContentLength = page.Length;
            }
        }

        await original.WriteAsync(page, context.RequestAborted);
    }
}
