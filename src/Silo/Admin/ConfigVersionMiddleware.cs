using Mesh.Contracts;
using Mesh.Contracts.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Adds <see cref="MeshHeaders.ConfigVersion"/> to every admin API response.</summary>
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
            var version = context.Items.TryGetValue(AdminResults.VersionItem, out var known) && known is long written
                ? written
                : await grains.GetGrain<ICatalogGrain>(GrainKeys.Catalog).GetVersionAsync();
            context.Response.Headers[MeshHeaders.ConfigVersion] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            LogVersionUnavailable(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the catalog version for the response header")]
    private partial void LogVersionUnavailable(Exception exception);
}
