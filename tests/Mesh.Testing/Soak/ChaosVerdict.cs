namespace Mesh.Testing.Soak;

/// <summary>
/// What a chaos run left behind: the routes written during it that a silo no longer has or an edge does not serve,
/// and whether every proxy applied the catalog's final version.
/// </summary>
public sealed record ChaosVerdict(IReadOnlyList<string> RoutesWritten, IReadOnlyList<string> Lost, long CatalogVersion, IReadOnlyList<string> Behind)
{
    public bool Holds => Lost.Count == 0 && Behind.Count == 0;
}
