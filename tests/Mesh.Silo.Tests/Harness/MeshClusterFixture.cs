using Mesh.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Mesh.Silo.Tests.Harness;

/// <summary>One in-process silo with memory storage (serialized as the silo serializes it) and a Mesh clock the tests move by hand.</summary>
public sealed class MeshClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Mesh);

            // Grain state goes through the same serializer as in the silo, so what it cannot store fails here too.
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<TimeProvider>(MeshTime.Key, Time);
            silo.Services.AddMeshGrainServices();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
