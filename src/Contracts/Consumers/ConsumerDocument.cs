namespace Mesh.Contracts.Consumers;

/// <summary>The JSON shape of a consumer in the admin API. <c>id</c> and <c>version</c> are read-only.</summary>
public sealed record ConsumerDocument
{
    public string? Id { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>A rate-limit policy that replaces the route's for this consumer.</summary>
    public string? RateLimit { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Version { get; init; }
}
