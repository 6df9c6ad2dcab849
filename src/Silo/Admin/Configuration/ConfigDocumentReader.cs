using System.Collections.Immutable;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Admin.Configuration;

/// <summary>
/// A whole configuration document (what <c>GET /config</c> answers and <c>config/apply</c> takes) as the resources
/// it declares, every bad field of every resource reported at once under its path (<c>routes.orders.backends[0].service</c>).
/// </summary>
internal static class ConfigDocumentReader
{
    public static ImmutableArray<ResourcePut> Read(ConfigDocument document, ValidationErrors errors)
    {
        var puts = ImmutableArray.CreateBuilder<ResourcePut>();
        foreach (var (name, service) in document.Services ?? new Dictionary<string, Contracts.Services.ServiceDocument>())
        {
            Add(ConfigKinds.Service, name, service with { Endpoints = null }, puts, errors);
            ReadEndpoints(name, service.Endpoints ?? [], puts, errors);
        }

        foreach (var (name, route) in document.Routes ?? new Dictionary<string, Contracts.Routes.RouteDocument>())
        {
            Add(ConfigKinds.Route, name, route, puts, errors);
        }

        foreach (var (name, policy) in document.RateLimits ?? new Dictionary<string, Contracts.RateLimiting.RateLimitPolicyDocument>())
        {
            Add(ConfigKinds.RateLimit, name, policy, puts, errors);
        }

        foreach (var (service, policy) in document.Authz ?? new Dictionary<string, Contracts.Authorization.AuthzPolicyDocument>())
        {
            Add(ConfigKinds.Authz, service, policy, puts, errors);
        }

        foreach (var (name, certificate) in document.Certificates ?? new Dictionary<string, Contracts.Certificates.EdgeCertificateDocument>())
        {
            Add(ConfigKinds.Certificate, name, certificate, puts, errors);
        }

        foreach (var (id, consumer) in document.Consumers ?? new Dictionary<string, Contracts.Consumers.ConsumerDocument>())
        {
            Add(ConfigKinds.Consumer, id, consumer, puts, errors);
        }

        foreach (var (name, provider) in document.JwtProviders ?? new Dictionary<string, Contracts.Jwt.JwtProviderDocument>())
        {
            Add(ConfigKinds.JwtProvider, name, provider, puts, errors);
        }

        return puts.ToImmutable();
    }

    private static void ReadEndpoints(string service, IReadOnlyList<EndpointDocument> endpoints, ImmutableArray<ResourcePut>.Builder puts, ValidationErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Count; i++)
        {
            var at = FieldPath.Index($"services.{service}.endpoints", i);
            if (endpoints[i] is not { } endpoint)
            {
                errors.Add(at, "must be an object");
                continue;
            }

            if (endpoint.Id is not { } id || !ResourceNames.IsValidEndpointId(id))
            {
                errors.Add(FieldPath.Member(at, "id"), $"is required and {ResourceNames.EndpointIdRule}");
                continue;
            }

            if (!seen.Add(id))
            {
                errors.Add(FieldPath.Member(at, "id"), $"'{id}' appears more than once");
                continue;
            }

            if (endpoint.Ttl is not null)
            {
                errors.Add(FieldPath.Member(at, "ttl"), "configuration holds static endpoints only: one with a ttl registers itself and heartbeats");
                continue;
            }

            var nested = new ValidationErrors();
            var spec = ConfigKinds.Endpoint.Parse(endpoint, nested);
            errors.AddAll(at, nested);
            puts.Add(new ResourcePut(new ResourceKey(ResourceKinds.Endpoint, ResourceKinds.EndpointName(service, id)), spec));
        }
    }

    private static void Add<TDocument, TSpec>(
        ResourceKind<TDocument, TSpec> kind, string name, TDocument? document, ImmutableArray<ResourcePut>.Builder puts, ValidationErrors errors)
        where TDocument : class
        where TSpec : class
    {
        var at = $"{kind.Section}.{name}";
        if (kind.NameError(name) is { } rule)
        {
            errors.Add(at, $"the name {rule}");
            return;
        }

        if (document is null)
        {
            errors.Add(at, "must be an object");
            return;
        }

        var nested = new ValidationErrors();
        var spec = kind.Parse(document, nested);
        errors.AddAll(at, nested);
        puts.Add(new ResourcePut(new ResourceKey(kind.Name, name), spec));
    }
}
