using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Mesh.Proxy.Hosting;

/// <summary>
/// Names this proxy on every response, errors included, so a client can tell which proxy answered; and, being the first
/// stop of every proxied request, pins an HTTP/2 request's scheme to its connection's
/// (<see cref="CleartextHttp2Detection.PinScheme"/>) without another middleware hop.
/// </summary>
internal sealed class ProxyIdentityMiddleware
{
    private readonly RequestDelegate _next;
    private readonly Func<object, Task> _stamp;

    public ProxyIdentityMiddleware(RequestDelegate next, IOptions<ProxyOptions> options)
    {
        _next = next;
        var id = new StringValues(options.Value.ResolvedId);

        // One delegate for the process, the response as its state: nothing is allocated per request for this.
        _stamp = state =>
        {
            ((HttpResponse)state).Headers[ProxyHeaders.Proxy] = id;
            return Task.CompletedTask;
        };
    }

    public Task InvokeAsync(HttpContext context)
    {
        CleartextHttp2Detection.PinScheme(context);
        context.Response.OnStarting(_stamp, context.Response);
        return _next(context);
    }
}
