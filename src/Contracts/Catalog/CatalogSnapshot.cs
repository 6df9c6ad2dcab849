using System.Collections.Immutable;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;

namespace Mesh.Contracts.Catalog;

/// <summary>
/// Everything a proxy needs, at one version. <see cref="Version"/> grows with every change, of configuration or of
/// endpoint state, also across restarts; <see cref="ConfigVersion"/> is the version of the last configuration commit
/// it holds (what history, <c>X-Mesh-Config-Version</c> and convergence speak of).
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.catalog-snapshot")]
public sealed record CatalogSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableSortedDictionary<string, ServiceEntry> Services,
    [property: Id(2)] ImmutableSortedDictionary<string, RouteSpec> Routes,
    [property: Id(3)] ImmutableSortedDictionary<string, RateLimitPolicySpec> RateLimits,
    [property: Id(4)] ImmutableSortedDictionary<string, AuthzPolicySpec> Authz,
    [property: Id(5)] ImmutableSortedSet<string> RevokedSerials,
    [property: Id(6)] long ConfigVersion = 0)
{
    /// <summary>Edge TLS certificates by name, without their keys (an edge fetches those from the catalog).</summary>
    [Id(7)]
    public ImmutableSortedDictionary<string, EdgeCertificateSpec> Certificates { get; init; } = ImmutableSortedDictionary<string, EdgeCertificateSpec>.Empty;

    /// <summary>Edge clients by id.</summary>
    [Id(8)]
    public ImmutableSortedDictionary<string, ConsumerSpec> Consumers { get; init; } = ImmutableSortedDictionary<string, ConsumerSpec>.Empty;

    /// <summary>Every API key that is not revoked, as salted hashes only.</summary>
    [Id(9)]
    public ImmutableArray<ApiKeyHash> ApiKeys { get; init; } = [];

    /// <summary>JWT providers by name, each with the keys in force.</summary>
    [Id(10)]
    public ImmutableSortedDictionary<string, JwtProviderEntry> JwtProviders { get; init; } = ImmutableSortedDictionary<string, JwtProviderEntry>.Empty;

    /// <summary>The latest cache purges (at most <see cref="CachePurge.Retained"/>), oldest first.</summary>
    [Id(11)]
    public ImmutableArray<CachePurge> CachePurges { get; init; } = [];

    public static CatalogSnapshot Empty { get; } = new(
        0,
        ImmutableSortedDictionary<string, ServiceEntry>.Empty,
        ImmutableSortedDictionary<string, RouteSpec>.Empty,
        ImmutableSortedDictionary<string, RateLimitPolicySpec>.Empty,
        ImmutableSortedDictionary<string, AuthzPolicySpec>.Empty,
        ImmutableSortedSet<string>.Empty);
}
