using System.Collections.Immutable;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Catalog;

/// <summary>
/// The catalog's live view: the configuration (one set of tables for every kind) and the state of the mesh
/// (endpoint statuses, ejections, revoked serials, cache purges), and the snapshot proxies get, built from both.
/// </summary>
internal sealed class CatalogModel
{
    private readonly Dictionary<string, Dictionary<string, EndpointStatus>> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string Id), DateTimeOffset> _ejectedUntil = [];
    private readonly SortedSet<string> _revoked = new(StringComparer.Ordinal);
    private ConfigTables _config = ConfigTables.Empty;
    private ImmutableArray<ApiKeyHash> _apiKeys = [];
    private ImmutableDictionary<string, JwksFetch> _jwks = ImmutableDictionary<string, JwksFetch>.Empty;
    private ImmutableArray<CachePurge> _purges = [];
    private CatalogSnapshot? _snapshot;

    public ConfigTables Config
    {
        get => _config;
        set
        {
            _config = value;
            var services = value.OfKind<ServiceSpec>(ConfigKinds.Service).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _endpoints.Keys.Where(s => !services.Contains(s)).ToList())
            {
                RemoveEndpoints(gone);
            }

            foreach (var service in services)
            {
                _endpoints.TryAdd(service, new Dictionary<string, EndpointStatus>(StringComparer.Ordinal));
            }

            _snapshot = null;
        }
    }

    public bool HasService(string name) => _endpoints.ContainsKey(name);

    public ServiceSpec? FindService(string name) => _config.Find<ServiceSpec>(ConfigKinds.Service, name);

    public bool HasEjections => _ejectedUntil.Count > 0;

    public bool IsEjected(string service, string id) => _ejectedUntil.ContainsKey((service, id));

    public int EjectedCount(string service) => _ejectedUntil.Keys.Count(k => k.Service == service);

    public void Eject(string service, string id, DateTimeOffset until)
    {
        _ejectedUntil[(service, id)] = until;
        _snapshot = null;
    }

    /// <summary>Returns the endpoints whose ejection has ended, and takes them back.</summary>
    public IReadOnlyList<(string Service, string Id)> RestoreEjected(DateTimeOffset now)
    {
        var due = _ejectedUntil.Where(e => e.Value <= now).Select(e => e.Key).ToList();
        foreach (var key in due)
        {
            _ejectedUntil.Remove(key);
        }

        if (due.Count > 0)
        {
            _snapshot = null;
        }

        return due;
    }

    public EndpointStatus? FindEndpoint(string service, string id) =>
        _endpoints.TryGetValue(service, out var endpoints) && endpoints.TryGetValue(id, out var status) ? status : null;

    public IReadOnlyCollection<string> EndpointIds(string service) =>
        _endpoints.TryGetValue(service, out var endpoints) ? endpoints.Keys : [];

    public void SetApiKeys(IEnumerable<ApiKeyHash> keys)
    {
        _apiKeys = [.. keys.OrderBy(k => k.KeyId, StringComparer.Ordinal)];
        _snapshot = null;
    }

    public void SetJwks(IReadOnlyDictionary<string, JwksFetch> fetched)
    {
        _jwks = fetched.ToImmutableDictionary(StringComparer.Ordinal);
        _snapshot = null;
    }

    public void SetCachePurges(IEnumerable<CachePurge> purges)
    {
        _purges = [.. purges];
        _snapshot = null;
    }

    public void SetRevoked(IEnumerable<string> serials)
    {
        _revoked.Clear();
        _revoked.UnionWith(serials);
        _snapshot = null;
    }

    public void SetEndpoint(EndpointStatus status)
    {
        if (_endpoints.TryGetValue(status.Service, out var endpoints))
        {
            endpoints[status.Id] = status;
            _snapshot = null;
        }
    }

    public void RemoveEndpoint(string service, string id)
    {
        if (_endpoints.TryGetValue(service, out var endpoints) && endpoints.Remove(id))
        {
            _ejectedUntil.Remove((service, id));
            _snapshot = null;
        }
    }

    public CatalogSnapshot Snapshot(long version, long configVersion)
    {
        if (_snapshot?.Version != version || _snapshot.ConfigVersion != configVersion)
        {
            _snapshot = new CatalogSnapshot(
                version,
                _config.OfKind<ServiceSpec>(ConfigKinds.Service).ToImmutableSortedDictionary(
                    s => s.Name,
                    s => new ServiceEntry(s.Spec, _endpoints[s.Name].ToImmutableSortedDictionary(e => e.Key, e => WithEjection(e.Value), StringComparer.Ordinal)),
                    StringComparer.Ordinal),
                _config.OfKind<RouteSpec>(ConfigKinds.Route).ToImmutableSortedDictionary(r => r.Name, r => r.Spec, StringComparer.Ordinal),
                _config.OfKind<RateLimitPolicySpec>(ConfigKinds.RateLimit).ToImmutableSortedDictionary(p => p.Name, p => p.Spec, StringComparer.Ordinal),
                _config.OfKind<AuthzPolicySpec>(ConfigKinds.Authz).ToImmutableSortedDictionary(a => a.Name, a => a.Spec, StringComparer.Ordinal),
                _revoked.ToImmutableSortedSet(StringComparer.Ordinal),
                configVersion)
            {
                Certificates = _config.OfKind<EdgeCertificateSpec>(ConfigKinds.Certificate).ToImmutableSortedDictionary(c => c.Name, c => c.Spec.WithoutKey(), StringComparer.Ordinal),
                Consumers = _config.OfKind<ConsumerSpec>(ConfigKinds.Consumer).ToImmutableSortedDictionary(c => c.Name, c => c.Spec, StringComparer.Ordinal),
                ApiKeys = _apiKeys,
                JwtProviders = _config.OfKind<JwtProviderSpec>(ConfigKinds.JwtProvider).ToImmutableSortedDictionary(
                    p => p.Name,
                    p => new JwtProviderEntry(p.Spec, p.Spec.Jwks ?? (_jwks.TryGetValue(p.Name, out var fetched) && fetched.Uri == p.Spec.JwksUri ? fetched.Keys : null)),
                    StringComparer.Ordinal),
                CachePurges = _purges,
            };
        }

        return _snapshot;
    }

    private void RemoveEndpoints(string service)
    {
        _endpoints.Remove(service);
        foreach (var key in _ejectedUntil.Keys.Where(k => k.Service == service).ToList())
        {
            _ejectedUntil.Remove(key);
        }
    }

    /// <summary>An ejection shows over the endpoint's own health, except that draining stays draining.</summary>
    private EndpointStatus WithEjection(EndpointStatus status) =>
        status.Health != EndpointHealth.Draining && _ejectedUntil.TryGetValue((status.Service, status.Id), out var until)
            ? status with { Health = EndpointHealth.Ejected, EjectedUntil = until }
            : status;
}
