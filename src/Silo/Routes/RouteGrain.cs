using Mesh.Contracts.Routes;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Routes;

internal sealed class RouteGrain(
    [PersistentState("route", StorageNames.Mesh)] IPersistentState<SpecState<RouteSpec>> state)
    : SpecGrain<RouteSpec>(state), IRouteGrain;
