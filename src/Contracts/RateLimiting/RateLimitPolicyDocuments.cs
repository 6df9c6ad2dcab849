using Mesh.Contracts.Validation;

namespace Mesh.Contracts.RateLimiting;

/// <summary>Maps between <see cref="RateLimitPolicyDocument"/> and <see cref="RateLimitPolicySpec"/>.</summary>
public static class RateLimitPolicyDocuments
{
    public const int MaxPermitsPerSecond = 10_000_000;
    public const string HeaderPartitionPrefix = "header:";
    public const string DefaultPartitionBy = "clientIp";

    private static readonly string[] FixedPartitions = ["clientIp", "route", "consumer", "global"];

    public static RateLimitPolicySpec Parse(RateLimitPolicyDocument document, ValidationErrors errors)
    {
        var read = new DocumentReader(errors);
        if (document.PermitsPerSecond is null)
        {
            errors.Add("permitsPerSecond", "is required");
        }

        var permits = read.Number(document.PermitsPerSecond, "permitsPerSecond", 1, 1, MaxPermitsPerSecond);
        var partitionBy = document.PartitionBy ?? DefaultPartitionBy;
        if (!IsValidPartition(partitionBy))
        {
            errors.Add("partitionBy", "must be clientIp, route, consumer, global or header:<name>");
        }

        return new RateLimitPolicySpec(
            permits,
            read.Number(document.Burst, "burst", permits, 0, MaxPermitsPerSecond),
            partitionBy,
            read.Choice(document.FailMode, "failMode", FailMode.Open));
    }

    public static RateLimitPolicyDocument From(string name, RateLimitPolicySpec spec) => new()
    {
        Name = name,
        PermitsPerSecond = spec.PermitsPerSecond,
        Burst = spec.Burst,
        PartitionBy = spec.PartitionBy,
        FailMode = EnumNames<FailMode>.Name(spec.FailMode),
    };

    private static bool IsValidPartition(string partitionBy) =>
        FixedPartitions.Contains(partitionBy, StringComparer.Ordinal)
        || (partitionBy.StartsWith(HeaderPartitionPrefix, StringComparison.Ordinal)
            && HttpSyntax.IsToken(partitionBy[HeaderPartitionPrefix.Length..]));
}
