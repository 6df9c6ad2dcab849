using Mesh.Contracts;
using Mesh.Contracts.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Adds <see cref="MeshHeaders.ConfigVersion"/> and <see cref="MeshHeaders.SnapshotVersion"/> to every admin API response.</summary>
internal sealed partial class ConfigVersionMiddleware(RequestDelegate next, IGrainFactory grains, ILogger<ConfigVersionMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() => AddHeaderAsync(context));
        return next(context);
    }

    private async Task AddHeaderAsync(HttpContext context)
    {
        try
        {
            var versions = context.Items.TryGetValue(AdminResults.VersionsItem, out var known) && known is CatalogVersions read
                ? read
                : await grains.GetGrain<ICatalogGrain>(GrainKeys.Catalog).GetVersionsAsync();
            context.Response.Headers[MeshHeaders.ConfigVersion] = versions.Config.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers[MeshHeaders.SnapshotVersion] = versions.Snapshot.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            LogVersionUnavailable(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the catalog version for the response header")]
    private partial void LogVersionUnavailable(Exception exception);
}
