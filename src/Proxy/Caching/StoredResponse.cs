using Microsoft.Extensions.Primitives;

namespace Mesh.Proxy.Caching;

/// <summary>
/// One stored response, as the client was sent it (the route's response transforms applied), with what RFC 9111 needs to
/// judge it later: when it arrived, the age it had then (§4.2.3), its freshness lifetime (§4.2.1), its validators, and the
/// request header values it was selected by (<c>Vary</c>, the route's <c>varyByHeaders</c>, the consumer). Immutable: a
/// revalidation stores a new one in its place.
/// </summary>
internal sealed class StoredResponse
{
    /// <summary>Roughly what an entry costs beyond its body and headers: the object, its arrays, the LRU node.</summary>
    private const int Overhead = 256;

    public StoredResponse(
        string key,
        string route,
        string path,
        int status,
        KeyValuePair<string, StringValues>[] headers,
        byte[] body,
        StoredTiming timing,
        StoredVariant variant)
    {
        Key = key;
        Route = route;
        Path = path;
        Status = status;
        Headers = headers;
        Body = body;
        Timing = timing;
        Variant = variant;
        Size = Overhead + body.Length + (key.Length * 2) + (path.Length * 2) + variant.Size;
        foreach (var (name, values) in headers)
        {
            Size += name.Length * 2;
            foreach (var value in values)
            {
                Size += (value?.Length ?? 0) * 2;
            }
        }
    }

    public string Key { get; }

    public string Route { get; }

    public string Path { get; }

    public int Status { get; }

    /// <summary>What the client gets, less <c>Age</c>, <c>Content-Length</c> and the proxy's own headers, which are set per answer.</summary>
    public KeyValuePair<string, StringValues>[] Headers { get; }

    public byte[] Body { get; }

    public StoredTiming Timing { get; }

    public StoredVariant Variant { get; }

    /// <summary>What the entry counts against <c>Mesh:Proxy:Cache:MaxBytes</c>.</summary>
    public long Size { get; }

    /// <summary>The store's place for it in least-recently-used order; touched only under the store's lock.</summary>
    internal LinkedListNode<StoredResponse>? Node { get; set; }

    public string? ETag => Header(Microsoft.Net.Http.Headers.HeaderNames.ETag);

    public string? LastModified => Header(Microsoft.Net.Http.Headers.HeaderNames.LastModified);

    public bool HasValidator => ETag is not null || LastModified is not null;

    public string? Header(string name)
    {
        foreach (var (key, values) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.ToString();
            }
        }

        return null;
    }
}
