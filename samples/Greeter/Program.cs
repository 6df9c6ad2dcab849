using Grpc.Health.V1;
using Grpc.HealthCheck;
using Mesh.Samples;
using Mesh.Samples.Greeter;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// appsettings.json is read beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSampleTracing("greeter");

// Every endpoint cleartext HTTP/2 with prior knowledge, as gRPC apps run behind their sidecar.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
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
