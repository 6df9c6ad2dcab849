using System.Collections.Frozen;
using System.Globalization;
using Mesh.Contracts.Routes;
using Microsoft.Net.Http.Headers;

namespace Mesh.Proxy.Access;

/// <summary>
/// A route's CORS policy, compiled once per snapshot. Preflights are answered here and never reach the upstream;
/// an actual request from an allowed origin gets the allow and expose headers on its response, whoever wrote it.
/// An origin that is not allowed gets no CORS headers at all, which is how a browser learns it is refused.
/// </summary>
internal sealed class CorsRule
{
    private const string PreflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private readonly FrozenSet<string> _origins;
    private readonly (string Scheme, string Suffix)[] _wildcards;
    private readonly bool _anyOrigin;
    private readonly FrozenSet<string> _methods;
    private readonly FrozenSet<string> _headers;
    private readonly bool _anyHeader;
    private readonly bool _credentials;
    private readonly string _allowMethods;
    private readonly string? _expose;
    private readonly string? _maxAge;

    public CorsRule(CorsSpec spec)
    {
        _anyOrigin = spec.AllowOrigins.Contains(CorsDocuments.Any);
        _origins = spec.AllowOrigins.Where(o => !o.Contains('*')).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _wildcards = [.. spec.AllowOrigins.Where(o => o.Contains("://*.", StringComparison.Ordinal))
            .Select(o => (o[..(o.IndexOf("://", StringComparison.Ordinal) + 3)], o[(o.IndexOf("://*.", StringComparison.Ordinal) + 5)..]))];
        _methods = spec.AllowMethods.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _anyHeader = spec.AllowHeaders.Contains(CorsDocuments.Any);
        _headers = spec.AllowHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _credentials = spec.AllowCredentials;
        _allowMethods = string.Join(", ", spec.AllowMethods);
        _expose = spec.ExposeHeaders.IsEmpty ? null : string.Join(", ", spec.ExposeHeaders);
        _maxAge = spec.MaxAge is { } maxAge ? ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Answers a preflight (true) or marks an actual cross-origin response (false: go on).</summary>
    public bool Handle(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Origin.ToString() is not { Length: > 0 } origin)
        {
            return false;
        }

        if (HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count > 0)
        {
            AnswerPreflight(context, origin);
            return true;
        }

        if (IsAllowed(origin))
        {
            context.Response.OnStarting(
                static state =>
                {
                    var (rule, response, origin) = ((CorsRule, HttpResponse, string))state;
                    rule.AllowOn(response.Headers, origin);
                    if (rule._expose is not null)
                    {
                        response.Headers.AccessControlExposeHeaders = rule._expose;
                    }

                    return Task.CompletedTask;
                },
                (this, context.Response, origin));
        }
        else
        {
            context.Response.OnStarting(
                static state =>
                {
                    // An upstream's own CORS answer must not let in an origin the route refuses.
                    var headers = ((HttpResponse)state).Headers;
                    headers.Remove(HeaderNames.AccessControlAllowOrigin);
                    headers.Remove(HeaderNames.AccessControlAllowCredentials);
                    headers.Remove(HeaderNames.AccessControlExposeHeaders);
                    return Task.CompletedTask;
                },
                context.Response);
        }

        return false;
    }

    public bool IsAllowed(string origin)
    {
        if (_anyOrigin || _origins.Contains(origin))
        {
            return true;
        }

        foreach (var (scheme, suffix) in _wildcards)
        {
            // One label: "https://a.example.com" for "https://*.example.com", never "https://a.b.example.com".
            if (origin.Length > scheme.Length + suffix.Length + 1
                && origin.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                && origin.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && origin[origin.Length - suffix.Length - 1] == '.'
                && !origin.AsSpan(scheme.Length, origin.Length - suffix.Length - 1 - scheme.Length).ContainsAny('.', '/', ':'))
            {
                return true;
            }
        }

        return false;
    }

    private void AnswerPreflight(HttpContext context, string origin)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        response.Headers.Vary = PreflightVary;
        var method = context.Request.Headers.AccessControlRequestMethod.ToString();
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        if (!IsAllowed(origin) || !_methods.Contains(method) || !HeadersAllowed(requested))
        {
            return;
        }

        AllowOn(response.Headers, origin);
        response.Headers.AccessControlAllowMethods = _allowMethods;
        if (requested.Length > 0)
        {
            response.Headers.AccessControlAllowHeaders = requested;
        }

        if (_maxAge is not null)
        {
            response.Headers.AccessControlMaxAge = _maxAge;
        }
    }

    private bool HeadersAllowed(string requested)
    {
        if (_anyHeader || requested.Length == 0)
        {
            return true;
        }

        foreach (var range in requested.AsSpan().Split(','))
        {
            var name = requested.AsSpan()[range].Trim();
            if (name.Length > 0 && !_headers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    private void AllowOn(IHeaderDictionary headers, string origin)
    {
        headers.AccessControlAllowOrigin = _anyOrigin && !_credentials ? CorsDocuments.Any : origin;
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        if (_credentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }
    }
}
