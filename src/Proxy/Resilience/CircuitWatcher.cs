using Mesh.Contracts.Circuits;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// Subscribes to the circuit of every service in the applied snapshot, and again on a timer: a
/// subscription answers with the current state, so a lost push or a reactivated circuit grain is caught up.
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
    private HashSet<string> _watched = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        applier.Changed += OnSnapshotChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SubscribeAllAsync();
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

    private void OnSnapshotChanged() => _ = SubscribeAllAsync();

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private async Task SubscribeAllAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await SubscribeAllUnderGateAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SubscribeAllUnderGateAsync()
    {
        var services = applier.Current.Snapshot.Services.Keys.ToHashSet(StringComparer.Ordinal);
        states.Forget(_watched.Except(services));
        _watched = services;
        try
        {
            _reference ??= client.CreateObjectReference<ICircuitObserver>(observer);
            await Task.WhenAll(services.Select(s => client.GetGrain<ICircuitBreakerGrain>(s).SubscribeAsync(_reference)));
        }
        catch (Exception e)
        {
            LogSubscribeFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not subscribe to circuits")]
    private partial void LogSubscribeFailed(Exception exception);
}
