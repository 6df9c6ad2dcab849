using Mesh.Contracts;
using Mesh.Contracts.Analytics;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Endpoints;
using Mesh.Proxy.Analytics;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// Sends the ledger to the endpoint and circuit grains at most every 250 ms, and at once on a burst of
/// failures; with them, every <see cref="AnalyticsInterval"/>, what analytics counted. When the control plane is
/// unreachable a batch is dropped: the local veto covers that time.
/// </summary>
internal sealed partial class OutcomeReporter(
    IClusterClient client,
    OutcomeLedger ledger,
    ProxyAnalytics analytics,
    IOptions<ProxyOptions> options,
    TimeProvider time,
    ILogger<OutcomeReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Analytics trail what clients saw by at most this (plus one send): the contract allows 10 s.</summary>
    public static readonly TimeSpan AnalyticsInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);
    private readonly string _proxyId = options.Value.ResolvedId;
    private DateTimeOffset _analyticsDue = time.GetUtcNow() + AnalyticsInterval;

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
            var report = TakeAnalyticsIfDue();
            if (endpoints.Count + services.Count == 0 && report is null)
            {
                continue;
            }

            var sends = endpoints.Select(e => client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(e.Service, e.Endpoint)).ReportOutcomesAsync(e.Outcomes))
                .Concat(services.Select(s => client.GetGrain<ICircuitBreakerGrain>(s.Service).ReportAsync(s.Successes, s.Failures)))
                .ToList();
            if (report is not null)
            {
                sends.Add(client.GetGrain<IAnalyticsIntakeGrain>(0).ReportAsync(report));
            }

            try
            {
                await Task.WhenAll(sends).WaitAsync(SendTimeout, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogDropped(sends.Count, e);
            }
        }
    }

    private AnalyticsReport? TakeAnalyticsIfDue()
    {
        var now = time.GetUtcNow();
        if (!analytics.Enabled || now < _analyticsDue)
        {
            return null;
        }

        _analyticsDue = now + AnalyticsInterval;
        var tallies = analytics.Take();
        return tallies.IsEmpty ? null : new AnalyticsReport(_proxyId, tallies);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Count} outcome reports: control plane unreachable")]
    private partial void LogDropped(int count, Exception exception);
}
