using System.Collections.Immutable;
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
    private CatalogSnapshot? _snapshot;

    public bool HasService(string name) => _services.ContainsKey(name);

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

    public void SetEndpoint(EndpointStatus status)
    {
        _endpoints[status.Service][status.Id] = status;
        _snapshot = null;
    }

    public void RemoveEndpoint(string service, string id)
    {
        if (_endpoints.TryGetValue(service, out var endpoints) && endpoints.Remove(id))
        {
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
                    s => new ServiceEntry(s.Value, _endpoints[s.Key].ToImmutableSortedDictionary(StringComparer.Ordinal)),
                    StringComparer.Ordinal),
                _routes.ToImmutableSortedDictionary(StringComparer.Ordinal),
                _rateLimits.ToImmutableSortedDictionary(StringComparer.Ordinal));
        }

        return _snapshot;
    }
}
