using Mesh.Contracts.Catalog;

namespace Mesh.Contracts.Routes;

/// <summary>Keyed by route id.</summary>
[Alias("mesh.route")]
public interface IRouteGrain : ISpecGrain<RouteSpec>;
