using Mesh.Hosting;
using Mesh.Proxy.Hosting;

return await StartupGuard.RunAsync("mesh-proxy", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddMeshProxy();

    var app = builder.Build();
    app.MapMeshProxy();
    await app.RunAsync();
});
