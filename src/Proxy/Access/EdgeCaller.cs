using System.Collections.Immutable;
using Mesh.Contracts.RateLimiting;

namespace Mesh.Proxy.Access;

/// <summary>
/// Who is calling, as the edge established it: the consumer's id and groups, the rate-limit tier it brings, and the
/// claims to pass on. Kept on the request as a feature: the rate limiter partitions by it, the forwarder labels by it.
/// </summary>
internal sealed record EdgeCaller(
    string Consumer,
    ImmutableArray<string> Groups,
    (string Name, RateLimitPolicySpec Spec)? RateLimit,
    ImmutableArray<(string Header, string Value)> ClaimHeaders)
{
    /// <summary>As <c>x-mesh-consumer-groups</c> carries them, made once per caller rather than per request.</summary>
    public string GroupsHeader { get; } = string.Join(',', Groups);

    public bool IsIn(ImmutableArray<string> groups)
    {
        foreach (var group in Groups)
        {
            if (groups.Contains(group, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
