using Mesh.Contracts.Circuits;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// Subscribes to the circuit of each service that an applied snapshot adds, and to every service's circuit again
/// on a timer: a subscription answers with the current state, so a lost push or a reactivated circuit grain is
/// caught up. A configuration change costs one call per new service, not one per service per proxy.
/// </summary>
internal sealed partial class CircuitWatcher(
    IClusterClient client,
    SnapshotApplier applier,
    CircuitStates states,
    CircuitObserver observer,
    TimeProvider time,
    ILogger<CircuitWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICircuitObserver? _reference;
    private readonly WatchedServices _services = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        applier.Changed += OnSnapshotChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SubscribeAsync(renewAll: true);
                try
                {
                    await Task.Delay(Interval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            applier.Changed -= OnSnapshotChanged;
        }
    }

    private void OnSnapshotChanged() => _ = SubscribeAsync(renewAll: false);

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private async Task SubscribeAsync(bool renewAll)
    {
        await _gate.WaitAsync();
        try
        {
            await SubscribeUnderGateAsync(renewAll);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SubscribeUnderGateAsync(bool renewAll)
    {
        var (added, removed) = _services.Update(applier.Current.Snapshot.Services.Keys);
        states.Forget(removed);
        var subscribe = renewAll ? _services.All : added;
        if (subscribe.Count == 0)
        {
            return;
        }

        try
        {
            _reference ??= client.CreateObjectReference<ICircuitObserver>(observer);
            await Task.WhenAll(subscribe.Select(s => client.GetGrain<ICircuitBreakerGrain>(s).SubscribeAsync(_reference)));
        }
        catch (Exception e)
        {
            LogSubscribeFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not subscribe to circuits")]
    private partial void LogSubscribeFailed(Exception exception);
}
