using Mesh.Contracts;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Endpoints;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// Sends the ledger to the endpoint and circuit grains at most every 250 ms, and at once on a burst of
/// failures. When the control plane is unreachable a batch is dropped: the local veto covers that time.
/// </summary>
internal sealed partial class OutcomeReporter(IClusterClient client, OutcomeLedger ledger, ILogger<OutcomeReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ledger.WaitForBurstAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var (endpoints, services) = ledger.Drain();
            if (endpoints.Count + services.Count == 0)
            {
                continue;
            }

            var sends = endpoints.Select(e => client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(e.Service, e.Endpoint)).ReportOutcomesAsync(e.Outcomes))
                .Concat(services.Select(s => client.GetGrain<ICircuitBreakerGrain>(s.Service).ReportAsync(s.Successes, s.Failures)));
            try
            {
                await Task.WhenAll(sends).WaitAsync(SendTimeout, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogDropped(endpoints.Count + services.Count, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Count} outcome reports: control plane unreachable")]
    private partial void LogDropped(int count, Exception exception);
}
