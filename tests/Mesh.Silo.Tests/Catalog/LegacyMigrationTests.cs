using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;
using Mesh.Silo.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Mesh.Silo.Tests.Catalog;

/// <summary>A catalog stored by 0.2 (an index of names, one row per spec) is moved into the one-row configuration on first activation, losing nothing.</summary>
public sealed class LegacyMigrationTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    [Fact]
    public async Task CatalogInTheOldLayout_ComesBackWhole_AsOneCommitInHistory_AndTheOldRowsAreCleared()
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Mesh);
        var index = new LegacyCatalogIndex { Version = 1_000 };
        index.Services.Add("legacy");
        index.Routes.Add("legacy-route");
        await WriteAsync(storage, "catalog", GrainKeys.Catalog, "catalog", index);
        await WriteAsync(storage, "service", "legacy", "service", new SpecState<ServiceSpec> { Spec = Specs.Service with { Timeout = TimeSpan.FromSeconds(9) } });
        await WriteAsync(storage, "route", "legacy-route", "route", new SpecState<RouteSpec> { Spec = Specs.RouteTo("legacy") });

        var catalog = fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);
        var snapshot = await catalog.GetSnapshotAsync();
        var history = await catalog.GetHistoryAsync();

        Assert.Equal(TimeSpan.FromSeconds(9), snapshot.Services["legacy"].Spec.Timeout);
        Assert.Equal("legacy", snapshot.Routes["legacy-route"].Backends.Single().Service);
        Assert.True(snapshot.Version > index.Version);
        Assert.Equal((ChangeSource.Apply, 2), (history.Single().Source, history.Single().Changes));
        Assert.False(await ExistsAsync<LegacyCatalogIndex>(storage, "catalog", GrainKeys.Catalog, "catalog"));
        Assert.False(await ExistsAsync<SpecState<ServiceSpec>>(storage, "service", "legacy", "service"));
    }

    private static Task WriteAsync<T>(IGrainStorage storage, string type, string key, string stateName, T state) =>
        storage.WriteStateAsync(stateName, GrainId.Create(type, key), new GrainState<T>(state));

    private static async Task<bool> ExistsAsync<T>(IGrainStorage storage, string type, string key, string stateName)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, GrainId.Create(type, key), state);
        return state.RecordExists;
    }
}
