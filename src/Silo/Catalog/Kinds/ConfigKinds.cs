using Mesh.Contracts.Authorization;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Silo.Catalog.Kinds;

/// <summary>Every kind of configuration resource. Adding a kind is one entry here (and its section of the snapshot, if proxies need it).</summary>
internal static class ConfigKinds
{
    public static readonly ResourceKind<ServiceDocument, ServiceSpec> Service = new(
        ResourceKinds.Service,
        "services",
        "service",
        DnsLabel,
        ServiceDocuments.Parse,
        (name, spec) => ServiceDocuments.From(name, spec) with { Name = null },
        static (_, _) => []);

    /// <summary>A static endpoint (one without a TTL), named <c>service/id</c>; it belongs to its service.</summary>
    public static readonly ResourceKind<EndpointDocument, EndpointSpec> Endpoint = new(
        ResourceKinds.Endpoint,
        "endpoints",
        "static endpoint",
        static name => SplitEndpoint(name) is var (service, id) && ResourceNames.IsValidName(service) && ResourceNames.IsValidEndpointId(id)
            ? null
            : $"must be service/id: a DNS label, then {ResourceNames.EndpointIdRule}",
        EndpointDocuments.Parse,
        static (_, spec) => EndpointDocuments.From(spec),
        static (name, _) => [new ResourceReference(string.Empty, new ResourceKey(ResourceKinds.Service, SplitEndpoint(name).Service), Owned: true)]);

    public static readonly ResourceKind<RouteDocument, RouteSpec> Route = new(
        ResourceKinds.Route,
        "routes",
        "route",
        DnsLabel,
        RouteDocuments.Parse,
        (id, spec) => RouteDocuments.From(id, spec) with { Id = null },
        static (_, spec) => RouteReferences(spec));

    public static readonly ResourceKind<RateLimitPolicyDocument, RateLimitPolicySpec> RateLimit = new(
        ResourceKinds.RateLimit,
        "rateLimits",
        "rate-limit policy",
        DnsLabel,
        RateLimitPolicyDocuments.Parse,
        (name, spec) => RateLimitPolicyDocuments.From(name, spec) with { Name = null },
        static (_, _) => []);

    /// <summary>A service's authorization policy, named after the service; it belongs to its service.</summary>
    public static readonly ResourceKind<AuthzPolicyDocument, AuthzPolicySpec> Authz = new(
        ResourceKinds.Authz,
        "authz",
        "authorization policy",
        DnsLabel,
        AuthzPolicyDocuments.Parse,
        (service, spec) => AuthzPolicyDocuments.From(service, spec) with { Service = null },
        static (service, _) => [new ResourceReference(string.Empty, new ResourceKey(ResourceKinds.Service, service), Owned: true)]);

    /// <summary>An edge TLS certificate; its canonical document never holds the key (<see cref="Certificates.EdgeCertificateKeys"/>).</summary>
    public static readonly ResourceKind<EdgeCertificateDocument, EdgeCertificateSpec> Certificate = new(
        ResourceKinds.Certificate,
        "certificates",
        "certificate",
        DnsLabel,
        EdgeCertificateDocuments.Parse,
        (name, spec) => EdgeCertificateDocuments.From(name, spec) with { Name = null },
        static (_, _) => []);

    /// <summary>An edge client; its API keys are state beside the configuration (<see cref="Consumers.ConsumerKeys"/>).</summary>
    public static readonly ResourceKind<ConsumerDocument, ConsumerSpec> Consumer = new(
        ResourceKinds.Consumer,
        "consumers",
        "consumer",
        DnsLabel,
        ConsumerDocuments.Parse,
        (id, spec) => ConsumerDocuments.From(id, spec) with { Id = null },
        static (_, spec) => spec.RateLimit is { } policy ? [new ResourceReference("rateLimit", new ResourceKey(ResourceKinds.RateLimit, policy), Owned: false)] : []);

    public static readonly ResourceKind<JwtProviderDocument, JwtProviderSpec> JwtProvider = new(
        ResourceKinds.JwtProvider,
        "jwtProviders",
        "JWT provider",
        DnsLabel,
        JwtProviderDocuments.Parse,
        (name, spec) => JwtProviderDocuments.From(name, spec) with { Name = null },
        static (_, _) => []);

    public static IReadOnlyList<IResourceKind> All { get; } = [Service, Endpoint, Route, RateLimit, Authz, Certificate, Consumer, JwtProvider];

    public static IResourceKind Get(string kind) => All.FirstOrDefault(k => k.Name == kind) ?? throw new ArgumentException($"'{kind}' is not a configuration kind", nameof(kind));

    public static (string Service, string Id) SplitEndpoint(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? (name, string.Empty) : (name[..slash], name[(slash + 1)..]);
    }

    private static string? DnsLabel(string name) => ResourceNames.IsValidName(name) ? null : ResourceNames.NameRule;

    private static IEnumerable<ResourceReference> RouteReferences(RouteSpec spec)
    {
        for (var i = 0; i < spec.Backends.Length; i++)
        {
            yield return new ResourceReference(FieldPath.Member(FieldPath.Index("backends", i), "service"), new ResourceKey(ResourceKinds.Service, spec.Backends[i].Service), Owned: false);
        }

        if (spec.Mirror is { } mirror)
        {
            yield return new ResourceReference("mirror.service", new ResourceKey(ResourceKinds.Service, mirror.Service), Owned: false);
        }

        if (spec.RateLimit is { } policy)
        {
            yield return new ResourceReference("rateLimit", new ResourceKey(ResourceKinds.RateLimit, policy), Owned: false);
        }

        for (var i = 0; i < spec.JwtProviders.Length; i++)
        {
            yield return new ResourceReference(FieldPath.Index("jwtProviders", i), new ResourceKey(ResourceKinds.JwtProvider, spec.JwtProviders[i]), Owned: false);
        }

        var consumers = spec.Allow?.Consumers ?? [];
        for (var i = 0; i < consumers.Length; i++)
        {
            yield return new ResourceReference(FieldPath.Index("allow.consumers", i), new ResourceKey(ResourceKinds.Consumer, consumers[i]), Owned: false);
        }
    }
}
