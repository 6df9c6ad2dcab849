namespace Mesh.Silo.Admin;

/// <summary>An API key in the admin API: <c>key</c> only in the answer to its creation, never again.</summary>
internal sealed record ApiKeyDocument
{
    public required string Id { get; init; }

    public string? Key { get; init; }

    public required string Prefix { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
