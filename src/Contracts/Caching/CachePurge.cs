namespace Mesh.Contracts.Caching;

/// <summary>
/// A mesh-wide purge: every edge drops the stored responses of <see cref="Route"/> (null: every route) whose path starts
/// with <see cref="PathPrefix"/> (null: every path). It is state, not configuration: it reaches edges with the snapshot
/// at <see cref="Version"/>, so an edge that reports that version (or a later one) has applied it.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.cache-purge")]
public sealed record CachePurge(
    [property: Id(0)] string Id,
    [property: Id(1)] long Version,
    [property: Id(2)] string? Route,
    [property: Id(3)] string? PathPrefix,
    [property: Id(4)] DateTimeOffset At)
{
    /// <summary>Purges the catalog keeps and pushes; an edge that missed more than these since it last synced drops its whole cache.</summary>
    public const int Retained = 256;
}
