using Mesh.Hosting;
using Mesh.Silo.Hosting;

return await StartupGuard.RunAsync("mesh-silo", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddMeshSilo();

    var app = builder.Build();
    app.MapMeshSilo();
    await app.RunAsync();
});
