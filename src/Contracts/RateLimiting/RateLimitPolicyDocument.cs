namespace Mesh.Contracts.RateLimiting;

/// <summary>The JSON shape of a rate-limit policy. <c>name</c> and <c>version</c> are read-only.</summary>
public sealed record RateLimitPolicyDocument
{
    public string? Name { get; init; }

    public int? PermitsPerSecond { get; init; }

    public int? Burst { get; init; }

    public string? PartitionBy { get; init; }

    public string? FailMode { get; init; }

    public long? Version { get; init; }
}
