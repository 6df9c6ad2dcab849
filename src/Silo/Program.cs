using Mesh.Hosting;
using Mesh.Silo.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync("mesh-silo", args, AdminOptions.Section + ":Urls", new AdminOptions().Urls);
}

return await StartupGuard.RunAsync("mesh-silo", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddMeshSilo();

    var app = builder.Build();
    app.MapMeshSilo();
    await app.RunAsync();
});
