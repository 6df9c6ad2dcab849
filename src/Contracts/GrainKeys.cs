namespace Mesh.Contracts;

/// <summary>Well-known grain keys, shared by the silo, the admin API and proxies.</summary>
public static class GrainKeys
{
    /// <summary>One catalog per mesh (sharding by namespace comes later).</summary>
    public const string Catalog = "default";

    /// <summary>One proxy directory per mesh.</summary>
    public const string ProxyDirectory = "default";

    private const char EndpointSeparator = '/';

    public static string Endpoint(string service, string endpointId) => service + EndpointSeparator + endpointId;

    /// <summary>A policy's bucket for one partition key. Policy names never contain '/', so the key may.</summary>
    public static string RateLimitBucket(string policy, string partitionKey) => policy + EndpointSeparator + partitionKey;

    /// <summary>One analytics key of one kind; the kind's name comes first, so keys of different kinds never meet.</summary>
    public static string Analytics(Analytics.AnalyticsKind kind, string key) => Contracts.Analytics.AnalyticsKeys.KindName(kind) + EndpointSeparator + key;

    /// <summary>An analytics grain's key split back into the kind's name (its directory's key) and the key.</summary>
    public static (string KindName, string Key) ParseAnalytics(string grainKey)
    {
        var split = grainKey.IndexOf(EndpointSeparator, StringComparison.Ordinal);
        return (grainKey[..split], grainKey[(split + 1)..]);
    }

    public static (string Service, string EndpointId) ParseEndpoint(string key)
    {
        var split = key.IndexOf(EndpointSeparator, StringComparison.Ordinal);
        if (split <= 0 || split == key.Length - 1 || key.IndexOf(EndpointSeparator, split + 1) >= 0)
        {
            throw new ArgumentException($"'{key}' is not an endpoint key of the form service/id.", nameof(key));
        }

        return (key[..split], key[(split + 1)..]);
    }
}
