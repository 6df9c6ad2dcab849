using Mesh.Hosting;
using Mesh.Silo.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync("mesh-silo", args, AdminOptions.Section + ":Urls", new AdminOptions().Urls);
}

return await StartupGuard.RunAsync("mesh-silo", async () =>
{
    // appsettings.json is read beside the program, wherever it is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddMeshSilo();

    var app = builder.Build();
    app.MapMeshSilo();
    await app.RunAsync();
});
