using Mesh.Contracts.RateLimiting;

namespace Mesh.Proxy.RateLimiting;

/// <summary>The partition key of a request under a policy's <c>partitionBy</c>.</summary>
internal static class PartitionKeys
{
    /// <summary>Set by authentication to the consumer's id; requests without one share one partition.</summary>
    public const string ConsumerItem = "mesh.consumer";
    private const string Anonymous = "anonymous";
    private const string Missing = "(none)";

    public static string For(HttpContext context, string routeId, string partitionBy) => partitionBy switch
    {
        "global" => "*",
        "route" => routeId,
        "clientIp" => context.Connection.RemoteIpAddress?.ToString() ?? Missing,
        "consumer" => context.Items.TryGetValue(ConsumerItem, out var consumer) && consumer is string id ? id : Anonymous,
        _ when partitionBy.StartsWith(RateLimitPolicyDocuments.HeaderPartitionPrefix, StringComparison.Ordinal) =>
            context.Request.Headers[partitionBy[RateLimitPolicyDocuments.HeaderPartitionPrefix.Length..]].ToString() is { Length: > 0 } value ? value : Missing,
        _ => Missing,
    };
}
