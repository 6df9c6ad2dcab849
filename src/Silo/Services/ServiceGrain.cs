using Mesh.Contracts.Services;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Services;

internal sealed class ServiceGrain(
    [PersistentState("service", StorageNames.Mesh)] IPersistentState<SpecState<ServiceSpec>> state)
    : SpecGrain<ServiceSpec>(state), IServiceGrain;
