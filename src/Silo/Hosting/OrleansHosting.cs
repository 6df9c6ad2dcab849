using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Mesh.Silo.Hosting;

/// <summary>The silo itself: localhost clustering and memory storage, or ADO.NET on PostgreSQL.</summary>
internal static class OrleansHosting
{
    public const string ConnectionStringName = "Mesh";
    private const string Invariant = "Npgsql";

    public static WebApplicationBuilder AddMeshOrleans(this WebApplicationBuilder builder, ClusterHostOptions cluster)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrEmpty(connectionString))
        {
            PostgresPreflight.EnsureReachable(connectionString);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });

            if (string.IsNullOrEmpty(connectionString))
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Mesh);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIP), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                });
                silo.AddAdoNetGrainStorage(StorageNames.Mesh, o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                });
            }

            // Chosen once for all stored state; switching serializers later would orphan it.
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.AddActivityPropagation();
            silo.AddDashboard();
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Detect a dead silo in seconds rather than minutes: grains move on while proxies serve from their view.
                // Two votes: one silo's missed probes (a GC pause, a starved CPU) cannot evict a healthy peer on its own.
                // It costs no detection time with three or more silos (the survivors probe in parallel), and Orleans
                // caps the votes it needs at what the remaining silos can give. Trade-offs: docs/operations.md.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                o.DefunctSiloExpiration = TimeSpan.FromHours(1);
            });
        });

        builder.Services.AddMeshGrainServices();
        return builder;
    }
}
