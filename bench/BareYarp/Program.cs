using Mesh.Bench.BareYarp;

var builder = WebApplication.CreateBuilder(args);
if (!BareYarpOptions.TryRead(builder.Configuration, out var options, out var error))
{
    await Console.Error.WriteLineAsync("bare-yarp: " + error);
    return 2;
}

builder.WebHost.UseUrls(options.Urls);
builder.Services.AddReverseProxy().LoadFromMemory([StaticConfig.Route], [StaticConfig.Cluster(options.Destination)]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
return 0;
