using System.Collections.Immutable;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Catalog;

/// <summary>One resource of the configuration: its parsed spec and its canonical document.</summary>
internal sealed record StoredResource(object Spec, string Json);

/// <summary>
/// The configuration at one version: every resource of every kind by key. Immutable, so a commit plans on a
/// copy and the catalog swaps it in only once the commit is stored.
/// </summary>
internal sealed class ConfigTables(ImmutableSortedDictionary<ResourceKey, StoredResource> resources)
{
    public static ConfigTables Empty { get; } = new(ImmutableSortedDictionary<ResourceKey, StoredResource>.Empty);

    public ImmutableSortedDictionary<ResourceKey, StoredResource> Resources { get; } = resources;

    /// <summary>Every canonical document by key.</summary>
    public IReadOnlyDictionary<ResourceKey, string> Json => Resources.ToDictionary(r => r.Key, r => r.Value.Json);

    public bool Contains(ResourceKey key) => Resources.ContainsKey(key);

    public TSpec? Find<TSpec>(IResourceKind kind, string name)
        where TSpec : class => Resources.TryGetValue(new ResourceKey(kind.Name, name), out var found) ? (TSpec)found.Spec : null;

    public IEnumerable<(string Name, TSpec Spec)> OfKind<TSpec>(IResourceKind kind)
    {
        foreach (var (key, resource) in Resources)
        {
            if (key.Kind == kind.Name)
            {
                yield return (key.Name, (TSpec)resource.Spec);
            }
        }
    }

    public ConfigDocuments Documents(long version) =>
        new(version, [.. Resources.Select(r => new ResourceDocument(r.Key, r.Value.Json))]);
}
