using System.Collections.Immutable;

namespace Mesh.Contracts.Configuration;

/// <summary>The whole configuration at one version, each resource as its canonical admin-API document (JSON), in key order.</summary>
[GenerateSerializer, Immutable, Alias("mesh.config-documents")]
public sealed record ConfigDocuments(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<ResourceDocument> Resources);

[GenerateSerializer, Immutable, Alias("mesh.resource-document")]
public sealed record ResourceDocument([property: Id(0)] ResourceKey Key, [property: Id(1)] string Json);
