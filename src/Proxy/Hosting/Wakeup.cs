namespace Mesh.Proxy.Hosting;

/// <summary>
/// A nudge for a background loop to run now rather than on its next tick; nudges while one is pending are one.
/// The catalog watcher's is shared under <see cref="Catalog"/> (its observer nudges it when a delta does not fit).
/// </summary>
internal sealed class Wakeup : IDisposable
{
    public const string Catalog = "catalog";

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
                // Already requested: one run covers both.
            }
        }
    }

    /// <summary>Waits until a run is requested or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _requested.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _requested.Dispose();
}
