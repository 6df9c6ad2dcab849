using Mesh.Contracts.Catalog;

namespace Mesh.Contracts.Services;

/// <summary>Keyed by service name.</summary>
[Alias("mesh.service")]
public interface IServiceGrain : ISpecGrain<ServiceSpec>;
