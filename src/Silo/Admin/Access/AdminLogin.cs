using System.Text.Encodings.Web;

namespace Mesh.Silo.Admin.Access;

/// <summary>
/// The browser's way in: <c>/login</c> takes the token once and starts a session (cookies, see
/// <see cref="AdminCookies"/>); <c>/logout</c> ends it. Clients keep using the bearer token.
/// </summary>
internal static partial class AdminLogin
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string ReturnUrlField = "returnUrl";
    public const string TokenField = "token";

    private const string DefaultReturnUrl = "/dashboard/";

    public static WebApplication MapAdminLogin(this WebApplication app)
    {
        app.MapGet(LoginPath, (HttpContext http, AdminCredentials credentials) => Page(credentials, http.Request.Query[ReturnUrlField], error: null))
            .ExcludeFromDescription();
        app.MapPost(LoginPath, LoginAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet(LogoutPath, Logout).ExcludeFromDescription();
        app.MapPost(LogoutPath, Logout).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, AdminCredentials credentials, ILoggerFactory loggers)
    {
        if (!credentials.Required)
        {
            return Results.Redirect(DefaultReturnUrl);
        }

        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "post the login form (application/x-www-form-urlencoded)");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = form[ReturnUrlField].ToString();
        if (!credentials.IsToken(form[TokenField].ToString()))
        {
            LogLoginFailed(loggers.CreateLogger(typeof(AdminLogin)), http.Connection.RemoteIpAddress?.ToString() ?? "-");
            return Page(credentials, returnUrl, "That is not the admin token.", StatusCodes.Status401Unauthorized);
        }

        var (session, antiForgery) = credentials.StartSession();
        AdminCookies.Set(http.Response, session, antiForgery);
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : DefaultReturnUrl, permanent: false, preserveMethod: false);
    }

    private static IResult Logout(HttpContext http)
    {
        AdminCookies.Clear(http.Response);
        return Results.Redirect(LoginPath);
    }

    /// <summary>Only a path on this listener: never another site (<c>//evil.example</c>, <c>/\evil.example</c>).</summary>
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(AdminCredentials credentials, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{html.Encode(error)}</p>";
        var form = credentials.Required
            ? $$"""
                <label for="token">Admin token (<code>Mesh:Admin:Token</code>)</label>
                <input id="token" name="{{TokenField}}" type="password" autocomplete="current-password" required autofocus>
                <input type="hidden" name="{{ReturnUrlField}}" value="{{html.Encode(IsLocal(returnUrl) ? returnUrl! : DefaultReturnUrl)}}">
                <button type="submit">Log in</button>
              """
            : """
                <p>No admin token is configured: this listener is open, and may then listen on loopback only.</p>
                <p><a href="/dashboard/">Dashboard</a> · <a href="/api-docs/">API page</a></p>
              """;
        var body = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Mesh admin · log in</title>
              <style>
                body { font: 16px/1.4 system-ui, sans-serif; display: grid; place-items: center; min-height: 90vh; margin: 0; background: #f5f6f8; color: #1d2330; }
                form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); width: min(24rem, 90vw); }
                h1 { font-size: 1.25rem; margin: 0 0 1rem; }
                label, input, button { display: block; width: 100%; box-sizing: border-box; }
                input { margin: .25rem 0 1rem; padding: .5rem; font: inherit; }
                button { padding: .6rem; font: inherit; background: #2a5bd7; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
                .error { color: #b42318; }
              </style>
            </head>
            <body>
              <form method="post" action="{{LoginPath}}">
                <h1>Mesh admin</h1>
                {{message}}
                {{form}}
              </form>
            </body>
            </html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin login with a wrong token from {Remote}")]
    private static partial void LogLoginFailed(ILogger logger, string remote);
}
