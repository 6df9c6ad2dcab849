namespace Mesh.Contracts.Jwt;

/// <summary>A JWT provider as edges get it: its spec and the key set in force (inline, or the last good fetch; null before the first).</summary>
[GenerateSerializer, Immutable, Alias("mesh.jwt-provider-entry")]
public sealed record JwtProviderEntry([property: Id(0)] JwtProviderSpec Spec, [property: Id(1)] string? Keys);
