using System.Collections.Immutable;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Silo.Catalog;

/// <summary>The catalog's live view: what exists, the references between resources, and the snapshot built from them.</summary>
internal sealed class CatalogModel
{
    private readonly Dictionary<string, ServiceSpec> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RouteSpec> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimitPolicySpec> _rateLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, EndpointStatus>> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string Id), DateTimeOffset> _ejectedUntil = [];
    private readonly Dictionary<string, AuthzPolicySpec> _authz = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _revoked = new(StringComparer.Ordinal);
    private CatalogSnapshot? _snapshot;

    public bool HasService(string name) => _services.ContainsKey(name);

    public ServiceSpec? FindService(string name) => _services.GetValueOrDefault(name);

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

    public bool HasRoute(string id) => _routes.ContainsKey(id);

    public bool HasRateLimit(string name) => _rateLimits.ContainsKey(name);

    public EndpointStatus? FindEndpoint(string service, string id) =>
        _endpoints.TryGetValue(service, out var endpoints) && endpoints.TryGetValue(id, out var status) ? status : null;

    public IReadOnlyCollection<string> EndpointIds(string service) =>
        _endpoints.TryGetValue(service, out var endpoints) ? endpoints.Keys : [];

    /// <summary>Every reference in <paramref name="route"/> to a service or policy that does not exist.</summary>
    public ValidationErrors CheckReferences(RouteSpec route)
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < route.Backends.Length; i++)
        {
            if (!HasService(route.Backends[i].Service))
            {
                errors.Add(FieldPath.Member(FieldPath.Index("backends", i), "service"), $"service '{route.Backends[i].Service}' does not exist");
            }
        }

        if (route.Mirror is { } mirror && !HasService(mirror.Service))
        {
            errors.Add("mirror.service", $"service '{mirror.Service}' does not exist");
        }

        if (route.RateLimit is { } policy && !HasRateLimit(policy))
        {
            errors.Add("rateLimit", $"rate-limit policy '{policy}' does not exist");
        }

        return errors;
    }

    public IReadOnlyList<string> RoutesUsingService(string service) =>
        _routes.Where(r => r.Value.ReferencedServices.Contains(service, StringComparer.Ordinal)).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RoutesUsingRateLimit(string policy) =>
        _routes.Where(r => r.Value.RateLimit == policy).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();

    public void SetService(string name, ServiceSpec spec)
    {
        _services[name] = spec;
        _endpoints.TryAdd(name, new Dictionary<string, EndpointStatus>(StringComparer.Ordinal));
        _snapshot = null;
    }

    public void RemoveService(string name)
    {
        _services.Remove(name);
        _endpoints.Remove(name);
        foreach (var key in _ejectedUntil.Keys.Where(k => k.Service == name).ToList())
        {
            _ejectedUntil.Remove(key);
        }

        _snapshot = null;
    }

    public void SetRoute(string id, RouteSpec spec)
    {
        _routes[id] = spec;
        _snapshot = null;
    }

    public void RemoveRoute(string id)
    {
        _routes.Remove(id);
        _snapshot = null;
    }

    public void SetRateLimit(string name, RateLimitPolicySpec spec)
    {
        _rateLimits[name] = spec;
        _snapshot = null;
    }

    public void RemoveRateLimit(string name)
    {
        _rateLimits.Remove(name);
        _snapshot = null;
    }

    public bool HasAuthz(string service) => _authz.ContainsKey(service);

    public void SetAuthz(string service, AuthzPolicySpec spec)
    {
        _authz[service] = spec;
        _snapshot = null;
    }

    public void RemoveAuthz(string service)
    {
        _authz.Remove(service);
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
        _endpoints[status.Service][status.Id] = status;
        _snapshot = null;
    }

    public void RemoveEndpoint(string service, string id)
    {
        if (_endpoints.TryGetValue(service, out var endpoints) && endpoints.Remove(id))
        {
            _ejectedUntil.Remove((service, id));
            _snapshot = null;
        }
    }

    public CatalogSnapshot Snapshot(long version)
    {
        if (_snapshot?.Version != version)
        {
            _snapshot = new CatalogSnapshot(
                version,
                _services.ToImmutableSortedDictionary(
                    s => s.Key,
                    s => new ServiceEntry(s.Value, _endpoints[s.Key].ToImmutableSortedDictionary(e => e.Key, e => WithEjection(e.Value), StringComparer.Ordinal)),
                    StringComparer.Ordinal),
                _routes.ToImmutableSortedDictionary(StringComparer.Ordinal),
                _rateLimits.ToImmutableSortedDictionary(StringComparer.Ordinal),
                _authz.ToImmutableSortedDictionary(StringComparer.Ordinal),
                _revoked.ToImmutableSortedSet(StringComparer.Ordinal));
        }

        return _snapshot;
    }

    /// <summary>An ejection shows over the endpoint's own health, except that draining stays draining.</summary>
    private EndpointStatus WithEjection(EndpointStatus status) =>
        status.Health != EndpointHealth.Draining && _ejectedUntil.TryGetValue((status.Service, status.Id), out var until)
            ? status with { Health = EndpointHealth.Ejected, EjectedUntil = until }
            : status;
}
