using Mesh.Contracts.Authorization;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;

namespace Mesh.Contracts.Catalog;

/// <summary>The whole configuration as one document, keyed by name: what <c>GET /api/v1/config</c> answers.</summary>
public sealed record ConfigDocument
{
    public long? Version { get; init; }

    public IReadOnlyDictionary<string, ServiceDocument>? Services { get; init; }

    public IReadOnlyDictionary<string, RouteDocument>? Routes { get; init; }

    public IReadOnlyDictionary<string, RateLimitPolicyDocument>? RateLimits { get; init; }

    /// <summary>Authorization policies by destination service.</summary>
    public IReadOnlyDictionary<string, AuthzPolicyDocument>? Authz { get; init; }

    /// <summary>Edge TLS certificates; a certificate given without its <c>privateKey</c> keeps the key the catalog holds for it.</summary>
    public IReadOnlyDictionary<string, EdgeCertificateDocument>? Certificates { get; init; }

    /// <summary>Edge clients; their API keys are state, not configuration, and never appear here.</summary>
    public IReadOnlyDictionary<string, ConsumerDocument>? Consumers { get; init; }

    public IReadOnlyDictionary<string, JwtProviderDocument>? JwtProviders { get; init; }
}
