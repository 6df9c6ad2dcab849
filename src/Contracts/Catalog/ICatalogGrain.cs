using Mesh.Contracts.Authorization;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
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

    [Alias("get-version")]
    ValueTask<long> GetVersionAsync();

    [Alias("put-service")]
    Task<WriteResult> PutServiceAsync(string name, ServiceSpec spec);

    [Alias("delete-service")]
    Task<WriteResult> DeleteServiceAsync(string name);

    [Alias("put-route")]
    Task<WriteResult> PutRouteAsync(string id, RouteSpec spec);

    [Alias("delete-route")]
    Task<WriteResult> DeleteRouteAsync(string id);

    [Alias("put-rate-limit")]
    Task<WriteResult> PutRateLimitPolicyAsync(string name, RateLimitPolicySpec spec);

    [Alias("delete-rate-limit")]
    Task<WriteResult> DeleteRateLimitPolicyAsync(string name);

    [Alias("put-authz")]
    Task<WriteResult> PutAuthzPolicyAsync(string service, AuthzPolicySpec spec);

    [Alias("delete-authz")]
    Task<WriteResult> DeleteAuthzPolicyAsync(string service);

    /// <summary>An identity grain revoked a certificate: every proxy must refuse it from the next push on.</summary>
    [Alias("on-certificate-revoked")]
    Task<long> OnCertificateRevokedAsync(string serial, DateTimeOffset notAfter);

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
