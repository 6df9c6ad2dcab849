using Mesh.Contracts.Catalog;

namespace Mesh.Contracts.Authorization;

/// <summary>Keyed by the destination service's name.</summary>
[Alias("mesh.authz-policy")]
public interface IAuthzPolicyGrain : ISpecGrain<AuthzPolicySpec>;
