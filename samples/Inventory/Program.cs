using Mesh.Samples;
using Mesh.Samples.Inventory;

// appsettings.json is read beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSampleTracing("inventory");
builder.Services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section);

var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapStockApi();
await app.RunAsync();
