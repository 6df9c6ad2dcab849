using Mesh.Hosting.Health;
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
        services.TryAddSingleton(sp => new EndpointProber(sp.GetRequiredKeyedService<TimeProvider>(MeshTime.Key)));
        return services;
    }
}
