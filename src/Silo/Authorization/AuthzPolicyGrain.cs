using Mesh.Contracts.Authorization;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Authorization;

internal sealed class AuthzPolicyGrain(
    [PersistentState("authz-policy", StorageNames.Mesh)] IPersistentState<SpecState<AuthzPolicySpec>> state)
    : SpecGrain<AuthzPolicySpec>(state), IAuthzPolicyGrain;
