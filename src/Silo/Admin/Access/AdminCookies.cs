namespace Mesh.Silo.Admin.Access;

/// <summary>The browser session's cookies and the header that carries its anti-forgery token back.</summary>
internal static class AdminCookies
{
    /// <summary><c>HttpOnly</c>: scripts never see the session.</summary>
    public const string Session = "mesh_admin_session";

    /// <summary>Readable by the admin pages' own scripts (same origin only), which send it back in <see cref="AntiForgeryHeader"/>.</summary>
    public const string AntiForgery = "mesh_admin_csrf";

    public const string AntiForgeryHeader = "X-Mesh-Csrf";

    public static void Set(HttpResponse response, string session, string antiForgery)
    {
        var secure = response.HttpContext.Request.IsHttps;
        var lifetime = AdminCredentials.SessionLifetime;
        response.Cookies.Append(Session, session, new CookieOptions { HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = lifetime });
        response.Cookies.Append(AntiForgery, antiForgery, new CookieOptions { HttpOnly = false, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = lifetime });
    }

    public static void Clear(HttpResponse response)
    {
        var secure = response.HttpContext.Request.IsHttps;
        response.Cookies.Delete(Session, new CookieOptions { HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/" });
        response.Cookies.Delete(AntiForgery, new CookieOptions { Secure = secure, SameSite = SameSiteMode.Strict, Path = "/" });
    }
}
