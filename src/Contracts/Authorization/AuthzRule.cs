using System.Collections.Immutable;

namespace Mesh.Contracts.Authorization;

/// <summary>
/// One allow rule: callers (service names, or <c>*</c>), methods (empty: any) and paths (exact, or a
/// prefix ending in <c>*</c>; empty: any). A request is allowed when any rule matches all three.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.authz-rule")]
public sealed record AuthzRule(
    [property: Id(0)] ImmutableArray<string> From,
    [property: Id(1)] ImmutableArray<string> Methods,
    [property: Id(2)] ImmutableArray<string> Paths);
