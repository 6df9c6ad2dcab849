using Microsoft.AspNetCore.Http.Features;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// Whether a request can be sent again: it has no body, or its body is small, of known length, and now
/// buffered. A streamed (chunked) or large body is sent once and never retried or mirrored.
/// </summary>
internal static class RequestReplay
{
    public const int MaxBufferedBody = 64 * 1024;

    public static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    /// <summary>Buffers the body when that makes the request replayable; false when it cannot be.</summary>
    public static async Task<bool> PrepareAsync(HttpContext context)
    {
        if (!HasBody(context))
        {
            return true;
        }

        if (context.Request.ContentLength is not (>= 0 and <= MaxBufferedBody))
        {
            return false;
        }

        context.Request.EnableBuffering(MaxBufferedBody, MaxBufferedBody);
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Request.Body.Position = 0;
        return true;
    }

    public static async Task<byte[]> CopyBufferedBodyAsync(HttpContext context)
    {
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
        context.Request.Body.Position = 0;
        return copy.ToArray();
    }

    public static void Rewind(HttpContext context)
    {
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }
    }
}
