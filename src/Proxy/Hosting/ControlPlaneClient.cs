using Orleans.Configuration;

namespace Mesh.Proxy.Hosting;

/// <summary>
/// The proxy as an Orleans client. It retries its first connection forever and the host starts its services
/// concurrently, so the HTTP listeners serve (from the snapshot file) while the control plane is away.
/// </summary>
internal static class ControlPlaneClient
{
    public const string ConnectionStringName = "Mesh";
    private const string Invariant = "Npgsql";
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);

    public static WebApplicationBuilder AddControlPlaneClient(this WebApplicationBuilder builder, ControlPlaneOptions cluster)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        builder.Services.Configure<HostOptions>(host =>
        {
            host.ServicesStartConcurrently = true;
            host.ServicesStopConcurrently = true;
        });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (string.IsNullOrEmpty(connectionString))
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                });
            }

            // Calls that cannot reach a silo should fail fast: the watcher retries, the data plane never waits.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(3));
            client.UseConnectionRetryFilter(RetryForeverAsync);
            client.AddActivityPropagation();
        });
        return builder;
    }

    private static async Task<bool> RetryForeverAsync(Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(ConnectRetryDelay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
