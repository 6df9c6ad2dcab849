using Microsoft.Net.Http.Headers;

namespace Mesh.Silo.Admin.Access;

/// <summary>
/// One guard for the whole admin listener. With <c>Mesh:Admin:Token</c> set, every path but the health probes
/// and the login page needs the token: as <c>Authorization: Bearer</c> (clients, <c>meshctl</c>, Prometheus) or as
/// the session cookie a login set (browsers). A cookie-authenticated request that changes something must also
/// carry the session's anti-forgery token and come from this origin, so another site cannot ride the cookie.
/// A refused attempt is logged with where it came from, never with what it presented.
/// </summary>
internal sealed partial class AdminAccessMiddleware(RequestDelegate next, AdminCredentials credentials, ILogger<AdminAccessMiddleware> logger)
{
    private const string BearerScheme = "Bearer ";

    /// <summary>Paths anyone may reach: orchestrators probe health without credentials, and a browser must reach the login.</summary>
    private static readonly PathString[] OpenPaths = ["/healthz", "/readyz", AdminLogin.LoginPath, AdminLogin.LogoutPath];

    public Task InvokeAsync(HttpContext context)
    {
        if (!credentials.Required || IsOpen(context.Request.Path))
        {
            return next(context);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return authorization.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) && credentials.IsToken(authorization[BearerScheme.Length..].Trim())
                ? next(context)
                : RefuseAsync(context, "wrong bearer token");
        }

        if (credentials.VerifySession(context.Request.Cookies[AdminCookies.Session]) is not { } session)
        {
            return context.Request.Cookies.ContainsKey(AdminCookies.Session) ? RefuseAsync(context, "expired or foreign session") : ChallengeAsync(context);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && !(IsSameOrigin(context.Request) && credentials.IsAntiForgeryFor(session, context.Request.Headers[AdminCookies.AntiForgeryHeader])))
        {
            LogForgeryRefused(context.Connection.RemoteIpAddress?.ToString() ?? "-", context.Request.Method, context.Request.Path);
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused",
                detail: $"a browser session may change something only from this origin and with the {AdminCookies.AntiForgeryHeader} header from the {AdminCookies.AntiForgery} cookie").ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool IsOpen(PathString path)
    {
        foreach (var open in OpenPaths)
        {
            if (path.Equals(open, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A browser names the page's origin on every cross-origin request and on same-origin ones that change something.</summary>
    private static bool IsSameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is not { Length: > 0 } origin
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    /// <summary>No credentials at all: a browser asking for a page is sent to the login, anyone else is told what is needed.</summary>
    private Task ChallengeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(AdminLogin.LoginPath + QueryString.Create(AdminLogin.ReturnUrlField, request.PathBase + request.Path + request.QueryString));
            return Task.CompletedTask;
        }

        return RefuseAsync(context, "no credentials");
    }

    private Task RefuseAsync(HttpContext context, string reason)
    {
        LogRefused(context.Connection.RemoteIpAddress?.ToString() ?? "-", context.Request.Method, context.Request.Path, reason);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "A bearer token is required",
            detail: $"send Authorization: Bearer <Mesh:Admin:Token>, or log in at {AdminLogin.LoginPath}").ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin request refused from {Remote}: {Method} {Path}: {Reason}")]
    private partial void LogRefused(string remote, string method, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cross-site or unverified browser request refused from {Remote}: {Method} {Path}")]
    private partial void LogForgeryRefused(string remote, string method, PathString path);
}
