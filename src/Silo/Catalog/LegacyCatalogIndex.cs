namespace Mesh.Silo.Catalog;

/// <summary>
/// The catalog's stored state before 0.3: the version and the names of what existed, each spec in a grain of
/// its own. Read once by <see cref="CatalogGrain"/> to move an older deployment's configuration into
/// <see cref="CatalogState"/>, then cleared.
/// </summary>
[GenerateSerializer, Alias("mesh.catalog-index")]
internal sealed class LegacyCatalogIndex
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public HashSet<string> Services { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public HashSet<string> Routes { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public HashSet<string> RateLimits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Services with an authorization policy.</summary>
    [Id(5)]
    public HashSet<string> Authz { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Revoked certificate serials until the certificate would have expired anyway.</summary>
    [Id(6)]
    public Dictionary<string, DateTimeOffset> Revoked { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Endpoint ids by service.</summary>
    [Id(4)]
    public Dictionary<string, HashSet<string>> Endpoints { get; set; } = new(StringComparer.Ordinal);
}
