using System.Collections.Immutable;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.Services;
using Orleans.Concurrency;

namespace Mesh.Contracts.Catalog;

/// <summary>
/// The mesh's versioned configuration. Every configuration write passes through it, so references
/// between resources are checked against one consistent view and each accepted write bumps the version once.
/// </summary>
[Alias("mesh.catalog")]
public interface ICatalogGrain : IGrainWithStringKey
{
    [Alias("get-snapshot")]
    ValueTask<CatalogSnapshot> GetSnapshotAsync();

    /// <summary>The current snapshot when it is newer than <paramref name="knownVersion"/>, else null.</summary>
    [Alias("get-snapshot-if-newer")]
    ValueTask<CatalogSnapshot?> GetSnapshotIfNewerAsync(long knownVersion);

    /// <summary>The snapshot version: what proxies follow, grown by every change of configuration or state.</summary>
    [Alias("get-version")]
    ValueTask<long> GetVersionAsync();

    /// <summary>The version of the last configuration commit and the snapshot version, as the admin API's headers give them.</summary>
    [Alias("get-versions")]
    ValueTask<CatalogVersions> GetVersionsAsync();

    /// <summary>
    /// Makes a set of configuration changes as one version, all or nothing: every reference is checked against
    /// the result, and a refusal names every bad field. A dry run answers what would change and stores nothing.
    /// </summary>
    [Alias("commit")]
    Task<CommitResult> CommitAsync(ConfigCommit commit);

    /// <summary>
    /// The private keys of edge certificates the configuration holds now, by certificate fingerprint, of those asked
    /// for: edges ask when a snapshot brings a certificate they hold no key for. Nothing else reads keys.
    /// </summary>
    [Alias("get-certificate-keys")]
    Task<ImmutableDictionary<string, string>> GetCertificateKeysAsync(ImmutableArray<string> sha256s);

    /// <summary>Adds an API key (its hash) to a consumer: NotFound when the consumer does not exist.</summary>
    [Alias("add-api-key")]
    Task<WriteResult> AddApiKeyAsync(ApiKeyHash key);

    /// <summary>Revokes one of a consumer's keys: every edge refuses it from the next push on.</summary>
    [Alias("revoke-api-key")]
    Task<WriteResult> RevokeApiKeyAsync(string consumer, string keyId);

    /// <summary>The last fetch of each JWT provider's <c>jwksUri</c>.</summary>
    [Alias("get-jwks-status")]
    Task<ImmutableDictionary<string, JwksFetch>> GetJwksStatusAsync();

    /// <summary>A JWKS fetcher reports a fetch; a failed one keeps the last good keys.</summary>
    [OneWay, Alias("on-jwks-fetched")]
    Task OnJwksFetchedAsync(string provider, JwksFetch fetch);

    /// <summary>
    /// Records a mesh-wide cache purge at a new version and pushes it to every proxy; an edge that applies that version
    /// has dropped what it matches.
    /// </summary>
    [Alias("purge-cache")]
    Task<CachePurge> PurgeCacheAsync(string? route, string? pathPrefix);

    /// <summary>One of the retained purges, or null.</summary>
    [Alias("get-cache-purge")]
    Task<CachePurge?> GetCachePurgeAsync(string id);

    /// <summary>The configuration now, each resource as its canonical document.</summary>
    [Alias("get-config")]
    Task<ConfigDocuments> GetConfigAsync();

    /// <summary>The configuration as it was at configuration version <paramref name="version"/> (one in history, or the current one); null when unknown.</summary>
    [Alias("get-config-at")]
    Task<ConfigDocuments?> GetConfigAtAsync(long version);

    /// <summary>Configuration versions, newest first.</summary>
    [Alias("get-history")]
    Task<ImmutableArray<ConfigHistoryItem>> GetHistoryAsync();

    /// <summary>What changed from one known version to another; null when either is unknown.</summary>
    [Alias("diff")]
    Task<ImmutableArray<ResourceChangeSummary>?> DiffAsync(long from, long to);

    /// <summary>A new version whose configuration equals <paramref name="version"/>'s; null when that version is unknown.</summary>
    [Alias("rollback")]
    Task<CommitResult?> RollbackAsync(long version);

    /// <summary>
    /// A service's spec, for grains that act on it (its circuit) and may be activated by the catalog itself:
    /// interleaved, so it never waits behind a commit that is waiting on the caller.
    /// </summary>
    [AlwaysInterleave, Alias("get-service-spec")]
    Task<ServiceSpec?> GetServiceSpecAsync(string name);

    /// <summary>An identity grain revoked a certificate: every proxy must refuse it from the next push on.</summary>
    [Alias("on-certificate-revoked")]
    Task<long> OnCertificateRevokedAsync(string serial, DateTimeOffset notAfter);

    /// <summary>
    /// Registers an endpoint. A static one (no TTL) is configuration and commits like any resource; one that
    /// registers itself with a TTL is state: it adds no history.
    /// </summary>
    [Alias("put-endpoint")]
    Task<WriteResult> PutEndpointAsync(string service, string id, EndpointSpec spec);

    [Alias("delete-endpoint")]
    Task<WriteResult> DeleteEndpointAsync(string service, string id);

    [Alias("drain-endpoint")]
    Task<WriteResult> DrainEndpointAsync(string service, string id);

    /// <summary>An endpoint grain reports a change of its own state (health, expiry).</summary>
    [OneWay, Alias("on-endpoint-changed")]
    Task OnEndpointChangedAsync(EndpointStatus status);

    /// <summary>An endpoint grain saw its consecutive-failure threshold: eject it if the service can spare it.</summary>
    [OneWay, Alias("on-endpoint-failing")]
    Task OnEndpointFailingAsync(string service, string id, Guid registration);

    /// <summary>An endpoint grain reports that its registration ended (heartbeat TTL expired).</summary>
    [OneWay, Alias("on-endpoint-expired")]
    Task OnEndpointExpiredAsync(string service, string id, Guid registration);

    /// <summary>Pushes every snapshot newer than <paramref name="knownVersion"/>, starting at once if one exists.</summary>
    [Alias("subscribe")]
    Task SubscribeAsync(ICatalogObserver observer, long knownVersion);

    [Alias("unsubscribe")]
    Task UnsubscribeAsync(ICatalogObserver observer);
}
