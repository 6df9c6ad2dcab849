using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Mesh.Proxy.Caching;

/// <summary>
/// Answers a request from a stored response: its status, headers and body (none for HEAD), a current <c>Age</c>, and
/// <c>304</c> when the client's own <c>If-None-Match</c> (or, without one, <c>If-Modified-Since</c>) already matches it.
/// </summary>
internal static class StoredResponseWriter
{
    /// <summary>What a 304 carries of the stored headers (RFC 9110 §15.4.5): the rest describes a body it does not send.</summary>
    private static readonly HashSet<string> BodyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentType, HeaderNames.ContentEncoding, HeaderNames.ContentRange, HeaderNames.ContentLanguage, HeaderNames.ContentMD5,
    };

    public static async Task WriteAsync(HttpContext context, StoredResponse stored, TimeSpan age, string outcome)
    {
        var response = context.Response;
        var notModified = stored.Status == StatusCodes.Status200OK && ClientHasIt(context.Request, stored);
        response.StatusCode = notModified ? StatusCodes.Status304NotModified : stored.Status;
        var headers = response.Headers;
        foreach (var (name, values) in stored.Headers)
        {
            if (!notModified || !BodyHeaders.Contains(name))
            {
                headers[name] = values;
            }
        }

        headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        headers[CacheOutcome.Header] = outcome;
        if (notModified)
        {
            return;
        }

        response.ContentLength = stored.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method) && stored.Body.Length > 0)
        {
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    private static bool ClientHasIt(HttpRequest request, StoredResponse stored)
    {
        var headers = request.Headers;
        if (headers.IfNoneMatch.Count > 0)
        {
            return stored.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var held) && Matches(headers.IfNoneMatch, held);
        }

        if (CachePolicy.TryDate(headers.IfModifiedSince) is not { } since)
        {
            return false;
        }

        return stored.LastModified is { } text && HeaderUtilities.TryParseDate(text, out var modified) && modified <= since;
    }

    /// <summary>Weak comparison, as <c>If-None-Match</c> uses (RFC 9110 §13.1.2); <c>*</c> matches any.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, EntityTagHeaderValue held)
    {
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(held, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }
}
