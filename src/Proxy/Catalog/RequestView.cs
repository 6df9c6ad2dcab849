namespace Mesh.Proxy.Catalog;

/// <summary>
/// The view one request is served from, read once and kept on the request: the rate limiter and the forwarder
/// then judge it by the same snapshot, even when a new one is applied between them.
/// </summary>
internal static class RequestView
{
    public static ProxyView ViewFor(this HttpContext context, SnapshotApplier applier)
    {
        if (context.Features.Get<ProxyView>() is { } held)
        {
            return held;
        }

        var view = applier.Current;
        context.Features.Set(view);
        return view;
    }
}
