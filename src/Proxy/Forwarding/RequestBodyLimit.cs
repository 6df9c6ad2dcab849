using Microsoft.AspNetCore.Http.Features;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// A route's <c>maxRequestBodyBytes</c>. Bodies stream with no limit inside the proxy unless a route sets one;
/// then a declared length over it is refused before the upstream is called, and a body without a declared
/// length is cut off by Kestrel once it passes the limit.
/// </summary>
internal static class RequestBodyLimit
{
    /// <summary>False when the declared length is already over the limit.</summary>
    public static bool TryApply(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return true;
    }
}
