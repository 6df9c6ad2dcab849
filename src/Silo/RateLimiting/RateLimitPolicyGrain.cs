using Mesh.Contracts.RateLimiting;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.RateLimiting;

internal sealed class RateLimitPolicyGrain(
    [PersistentState("rate-limit-policy", StorageNames.Mesh)] IPersistentState<SpecState<RateLimitPolicySpec>> state)
    : SpecGrain<RateLimitPolicySpec>(state), IRateLimitPolicyGrain;
