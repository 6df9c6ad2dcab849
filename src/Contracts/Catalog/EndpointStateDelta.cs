using System.Collections.Immutable;
using Mesh.Contracts.Caching;
using Mesh.Contracts.Endpoints;

namespace Mesh.Contracts.Catalog;

/// <summary>
/// A change of the mesh's state (endpoint health, ejection, drain, registration; revoked serials; cache purges), not of its
/// configuration: what turns the snapshot at <see cref="BaseVersion"/> into the one at <see cref="Version"/>.
/// A proxy that does not hold <see cref="BaseVersion"/> ignores it and asks for the whole snapshot instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.endpoint-state-delta")]
public sealed record EndpointStateDelta(
    [property: Id(0)] long BaseVersion,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableArray<EndpointStatus> Changed,
    [property: Id(3)] ImmutableArray<EndpointRemoval> Removed,
    [property: Id(4)] ImmutableSortedSet<string>? RevokedSerials)
{
    /// <summary>Cache purges made since <see cref="BaseVersion"/>, oldest first.</summary>
    [Id(5)]
    public ImmutableArray<CachePurge> CachePurges { get; init; } = [];

    /// <summary>The snapshot this delta makes of <paramref name="snapshot"/>, or null when that is not the one it applies to.</summary>
    public CatalogSnapshot? ApplyTo(CatalogSnapshot snapshot)
    {
        if (snapshot.Version != BaseVersion)
        {
            return null;
        }

        var services = snapshot.Services.ToBuilder();
        foreach (var removal in Removed)
        {
            if (services.TryGetValue(removal.Service, out var entry))
            {
                services[removal.Service] = entry with { Endpoints = entry.Endpoints.Remove(removal.Id) };
            }
        }

        foreach (var status in Changed)
        {
            if (services.TryGetValue(status.Service, out var entry))
            {
                services[status.Service] = entry with { Endpoints = entry.Endpoints.SetItem(status.Id, status) };
            }
        }

        var purges = snapshot.CachePurges;
        if (!CachePurges.IsEmpty)
        {
            purges = purges.AddRange(CachePurges);
            purges = purges.Length > CachePurge.Retained ? purges[^CachePurge.Retained..] : purges;
        }

        return snapshot with { Version = Version, Services = services.ToImmutable(), RevokedSerials = RevokedSerials ?? snapshot.RevokedSerials, CachePurges = purges };
    }
}

[GenerateSerializer, Immutable, Alias("mesh.endpoint-removal")]
public sealed record EndpointRemoval([property: Id(0)] string Service, [property: Id(1)] string Id);
