using Mesh.Silo.Health;
using Mesh.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mesh.Silo.Hosting;

/// <summary>What the grains need from the silo's container, in the host and in grain tests alike.</summary>
internal static class GrainServices
{
    public static IServiceCollection AddMeshGrainServices(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(MeshTime.Key, TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SiloMetrics>();
        services.TryAddSingleton<HealthProbe>();
        services.AddHttpClient(HealthProbe.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        return services;
    }
}
