namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>Requests as a client sends them to the edge: any path, optionally another Host and extra headers.</summary>
public static class ProxyRequest
{
    public static HttpRequestMessage Get(string path, string? host = null, params (string Name, string Value)[] headers) =>
        Create(HttpMethod.Get, path, host, headers);

    public static HttpRequestMessage Create(HttpMethod method, string path, string? host = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
