namespace Mesh.Proxy.ControlPlane;

/// <summary>A nudge for <see cref="CatalogWatcher"/> to ask the catalog for the whole snapshot now rather than on its next tick.</summary>
internal sealed class CatalogRefresh : IDisposable
{
    private readonly SemaphoreSlim _requested = new(0, 1);

    public void Request()
    {
        if (_requested.CurrentCount == 0)
        {
            try
            {
                _requested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already requested: one refresh covers both.
            }
        }
    }

    /// <summary>Waits until a refresh is requested or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _requested.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _requested.Dispose();
}
