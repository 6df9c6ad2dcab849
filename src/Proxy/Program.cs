using Mesh.Hosting;
using Mesh.Proxy.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync("mesh-proxy", args, ProxyOptions.Section + ":AdminUrls", new ProxyOptions().AdminUrls);
}

return await StartupGuard.RunAsync("mesh-proxy", async () =>
{
    // appsettings.json is read beside the program, wherever it is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddMeshProxy();

    var app = builder.Build();
    app.MapMeshProxy();
    await app.RunAsync();
});
