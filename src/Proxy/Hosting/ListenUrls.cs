namespace Mesh.Proxy.Hosting;

/// <summary>Listener URL lists as configuration gives them: <c>http://127.0.0.1:8080;http://[::1]:8080</c>.</summary>
internal static class ListenUrls
{
    /// <summary>The schemes an edge's <c>Urls</c> may use: cleartext (HTTP/1.1 and h2c) and TLS.</summary>
    public static readonly IReadOnlyList<string> EdgeSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps];

    /// <summary>URLs of <paramref name="scheme"/> with explicit ports and no path; <c>*</c> and <c>+</c> mean every address.</summary>
    public static bool TryParse(string? urls, string scheme, out IReadOnlyList<Uri> parsed) => TryParse(urls, [scheme], out parsed);

    /// <summary>URLs of any of <paramref name="schemes"/>, as <see cref="TryParse(string?, string, out IReadOnlyList{Uri})"/>.</summary>
    public static bool TryParse(string? urls, IReadOnlyList<string> schemes, out IReadOnlyList<Uri> parsed)
    {
        var list = new List<Uri>();
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme) || !HasExplicitPort(normalized) || uri.PathAndQuery != "/")
            {
                parsed = [];
                return false;
            }

            list.Add(uri);
        }

        parsed = list;
        return list.Count > 0;
    }

    public static bool TryParse(string? urls, out IReadOnlyList<Uri> parsed) => TryParse(urls, Uri.UriSchemeHttp, out parsed);

    /// <summary>The URLs, or none when they do not parse (the options validators reported that already).</summary>
    public static IReadOnlyList<Uri> Parse(string? urls, string scheme = "http") => TryParse(urls, scheme, out var parsed) ? parsed : [];

    public static IEnumerable<int> Ports(string? urls, string scheme = "http") => Parse(urls, scheme).Select(u => u.Port);

    /// <summary>An edge's <c>Urls</c>, or none when they do not parse.</summary>
    public static IReadOnlyList<Uri> ParseEdge(string? urls) => TryParse(urls, EdgeSchemes, out var parsed) ? parsed : [];

    private static bool HasExplicitPort(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOf('/', start);
        var authority = end < 0 ? url[start..] : url[start..end];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && colon < authority.Length - 1;
    }
}
