using System.Collections.Immutable;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;

namespace Mesh.Contracts.Catalog;

/// <summary>A service as proxies see it: its spec and every registered endpoint with its health.</summary>
[GenerateSerializer, Immutable, Alias("mesh.service-entry")]
public sealed record ServiceEntry(
    [property: Id(0)] ServiceSpec Spec,
    [property: Id(1)] ImmutableSortedDictionary<string, EndpointStatus> Endpoints);
