namespace Mesh.Proxy.Hosting;

/// <summary>Listener URL lists as configuration gives them: <c>http://127.0.0.1:8080;http://[::1]:8080</c>.</summary>
internal static class ListenUrls
{
    public static bool TryParse(string urls, out IReadOnlyList<Uri> parsed)
    {
        var list = new List<Uri>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IsDefaultPort && !normalized.Contains(":80", StringComparison.Ordinal))
            {
                parsed = [];
                return false;
            }

            list.Add(uri);
        }

        parsed = list;
        return list.Count > 0;
    }

    public static IEnumerable<int> Ports(string urls) => TryParse(urls, out var parsed) ? parsed.Select(u => u.Port) : [];
}
