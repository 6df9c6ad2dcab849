using Mesh.Contracts.Caching;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Jwt;
using Mesh.Silo.Certificates;

namespace Mesh.Silo.Catalog;

/// <summary>
/// The catalog's stored state, one row: the whole configuration as canonical documents (so a commit of any
/// number of resources is one write, all or nothing), the last commits' summaries, and what the state of the
/// mesh needs to be rebuilt (registered endpoints, revoked serials).
/// </summary>
[GenerateSerializer, Alias("mesh.catalog-state")]
internal sealed class CatalogState
{
    /// <summary>The version proxies follow: it grows with every commit and every change of endpoint state.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>How many commits there have been; commit n's details are in history entry n.</summary>
    [Id(1)]
    public long Sequence { get; set; }

    /// <summary>Canonical documents by kind, then name.</summary>
    [Id(2)]
    public Dictionary<string, Dictionary<string, string>> Resources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The retained commits, oldest first, each with its sequence number.</summary>
    [Id(3)]
    public List<HistoryRecord> History { get; set; } = [];

    /// <summary>The version of the last commit: the configuration version.</summary>
    [Id(6)]
    public long ConfigVersion { get; set; }

    /// <summary>Ids of every registered endpoint (static and self-registered) by service.</summary>
    [Id(4)]
    public Dictionary<string, HashSet<string>> Endpoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Revoked certificate serials until the certificate would have expired anyway.</summary>
    [Id(5)]
    public Dictionary<string, DateTimeOffset> Revoked { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Edge certificate keys by their certificate's SHA-256 fingerprint (<see cref="EdgeCertificateKeys"/>).</summary>
    [Id(7)]
    public Dictionary<string, StoredCertificateKey> CertificateKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>API keys that are not revoked, by key id: salted hashes, never keys.</summary>
    [Id(8)]
    public Dictionary<string, ApiKeyHash> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last fetch of each JWT provider's <c>jwksUri</c>, by provider.</summary>
    [Id(9)]
    public Dictionary<string, JwksFetch> Jwks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest cache purges, oldest first, at most <see cref="CachePurge.Retained"/>.</summary>
    [Id(10)]
    public List<CachePurge> CachePurges { get; set; } = [];
}

[GenerateSerializer, Alias("mesh.history-record")]
internal sealed record HistoryRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ChangeSource Source,
    [property: Id(4)] int Changes)
{
    public ConfigHistoryItem Item => new(Version, At, Source, Changes);
}
