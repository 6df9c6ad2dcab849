using Mesh.Samples;
using Mesh.Samples.Orders;

// appsettings.json is read beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSampleTracing("orders");
builder.Services.AddInventoryClient();

var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapOrdersApi();
await app.RunAsync();
