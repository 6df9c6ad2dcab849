using Mesh.Contracts.Catalog;

namespace Mesh.Contracts.RateLimiting;

/// <summary>Keyed by policy name. Stores the policy; buckets are separate grains per partition key.</summary>
[Alias("mesh.rate-limit-policy")]
public interface IRateLimitPolicyGrain : ISpecGrain<RateLimitPolicySpec>;
