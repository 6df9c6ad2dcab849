using Mesh.Contracts.RateLimiting;
using Mesh.Proxy.Access;

namespace Mesh.Proxy.RateLimiting;

/// <summary>The partition key of a request under a policy's <c>partitionBy</c>.</summary>
internal static class PartitionKeys
{
    /// <summary>Requests without a known consumer share one partition.</summary>
    private const string Anonymous = "anonymous";
    private const string Missing = "(none)";

    public static string For(HttpContext context, string routeId, string partitionBy) => partitionBy switch
    {
        "global" => "*",
        "route" => routeId,
        "clientIp" => context.Connection.RemoteIpAddress?.ToString() ?? Missing,
        "consumer" => context.Features.Get<EdgeCaller>()?.Consumer ?? Anonymous,
        _ when partitionBy.StartsWith(RateLimitPolicyDocuments.HeaderPartitionPrefix, StringComparison.Ordinal) =>
            context.Request.Headers[partitionBy[RateLimitPolicyDocuments.HeaderPartitionPrefix.Length..]].ToString() is { Length: > 0 } value ? value : Missing,
        _ => Missing,
    };
}
