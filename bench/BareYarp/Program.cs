using Mesh.Bench.BareYarp;
using Microsoft.AspNetCore.Server.Kestrel.Core;

var builder = WebApplication.CreateBuilder(args);
if (!BareYarpOptions.TryRead(builder.Configuration, out var options, out var error))
{
    await Console.Error.WriteLineAsync("bare-yarp: " + error);
    return 2;
}

builder.WebHost.UseUrls(options.Urls);
if (options.Http2)
{
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
}

builder.Services.AddReverseProxy().LoadFromMemory([StaticConfig.Route], [StaticConfig.Cluster(options.Destination, options.Http2)]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
return 0;
