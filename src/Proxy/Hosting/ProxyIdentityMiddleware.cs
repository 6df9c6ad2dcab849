using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Hosting;

/// <summary>Names this proxy on every response, errors included, so a client can tell which proxy answered.</summary>
internal sealed class ProxyIdentityMiddleware(RequestDelegate next, IOptions<ProxyOptions> options)
{
    private readonly string _id = options.Value.ResolvedId;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            response.Headers[ProxyHeaders.Proxy] = id;
            return Task.CompletedTask;
        }, (context.Response, _id));
        return next(context);
    }
}
