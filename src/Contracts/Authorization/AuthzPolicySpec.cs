using System.Collections.Immutable;

namespace Mesh.Contracts.Authorization;

/// <summary>Who may call a service. Without a policy mesh traffic to it is allowed; with one, only what it allows.</summary>
[GenerateSerializer, Immutable, Alias("mesh.authz-policy-spec")]
public sealed record AuthzPolicySpec([property: Id(0)] ImmutableArray<AuthzRule> Allow);
