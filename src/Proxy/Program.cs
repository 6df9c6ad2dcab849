using Mesh.Hosting;
using Mesh.Proxy.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync("mesh-proxy", args, ProxyOptions.Section + ":AdminUrls", new ProxyOptions().AdminUrls);
}

return await StartupGuard.RunAsync("mesh-proxy", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddMeshProxy();

    var app = builder.Build();
    app.MapMeshProxy();
    await app.RunAsync();
});
