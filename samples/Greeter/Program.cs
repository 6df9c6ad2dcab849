using Grpc.Health.V1;
using Grpc.HealthCheck;
using Mesh.Samples.Greeter;

// appsettings.json is read beside the program, wherever it is started from. Its Kestrel section makes every
// endpoint cleartext HTTP/2 (prior knowledge), as gRPC apps run behind their sidecar.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddOptions<GreeterOptions>().BindConfiguration(GreeterOptions.Section);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddGrpc();
var health = new HealthServiceImpl();
health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
builder.Services.AddSingleton(health);

var app = builder.Build();
app.MapGrpcService<GreeterService>();
app.MapGrpcService<HealthServiceImpl>();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
