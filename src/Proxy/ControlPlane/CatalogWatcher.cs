using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;

namespace Mesh.Proxy.ControlPlane;

/// <summary>
/// Keeps the local view following the catalog: loads the snapshot file first, then subscribes with the
/// version it holds and re-subscribes and polls on a timer (and at once when a pushed delta did not fit what it
/// holds), so a lost push, a silo restart or a catalog reactivation costs latency, never correctness. Never on the
/// request path.
/// </summary>
internal sealed partial class CatalogWatcher(
    IClusterClient client,
    SnapshotApplier applier,
    SnapshotFile file,
    CatalogObserver observer,
    [FromKeyedServices(Wakeup.Catalog)] Wakeup refresh,
    ControlPlaneStatus status,
    ILogger<CatalogWatcher> logger) : BackgroundService
{
    /// <summary>How often a connected proxy re-subscribes and asks for anything newer.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    /// <summary>How soon a disconnected proxy tries again.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private ICatalogObserver? _reference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (file.Load() is { } saved)
        {
            applier.Offer(saved);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = RefreshInterval;
            try
            {
                await RefreshAsync();
                if (status.MarkConnected())
                {
                    LogConnected(applier.AppliedVersion);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (status.MarkDisconnected())
                {
                    LogDisconnected(e);
                }

                wait = RetryInterval;
            }

            try
            {
                await refresh.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_reference is not null && status.IsConnected)
        {
            try
            {
                await client.GetGrain<ICatalogGrain>(GrainKeys.Catalog).UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnsubscribeFailed(e);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task RefreshAsync()
    {
        var catalog = client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);
        _reference ??= client.CreateObjectReference<ICatalogObserver>(observer);
        await catalog.SubscribeAsync(_reference, applier.AppliedVersion);
        if (await catalog.GetSnapshotIfNewerAsync(applier.AppliedVersion) is { } newer)
        {
            applier.Offer(newer);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the control plane; holding catalog version {Version}")]
    private partial void LogConnected(long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Control plane unreachable; serving the last applied snapshot and retrying")]
    private partial void LogDisconnected(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not unsubscribe at shutdown")]
    private partial void LogUnsubscribeFailed(Exception exception);
}
