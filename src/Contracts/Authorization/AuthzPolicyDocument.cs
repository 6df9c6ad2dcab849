namespace Mesh.Contracts.Authorization;

/// <summary>The JSON shape of <c>PUT /api/v1/authz/{service}</c>.</summary>
public sealed record AuthzPolicyDocument
{
    public string? Service { get; init; }

    public IReadOnlyList<AuthzRuleDocument>? Allow { get; init; }

    public long? Version { get; init; }
}

public sealed record AuthzRuleDocument
{
    public IReadOnlyList<string>? From { get; init; }

    public IReadOnlyList<string>? Methods { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }
}
