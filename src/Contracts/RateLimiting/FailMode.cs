namespace Mesh.Contracts.RateLimiting;

/// <summary>What proxies do when the control plane cannot be reached.</summary>
/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.fail-mode")]
public enum FailMode
{
    Open,
    Closed,
}
