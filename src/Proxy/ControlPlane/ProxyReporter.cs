using Mesh.Contracts;
using Mesh.Contracts.Proxies;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Identity;
using Mesh.Proxy.Sidecar;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.ControlPlane;

/// <summary>
/// Tells the control plane which version this proxy applied: at once after each change, and on a timer
/// so the directory refills after a silo loss. Reports are small and never block the data plane.
/// </summary>
internal sealed partial class ProxyReporter(
    IClusterClient client,
    SnapshotApplier applier,
    IOptions<ProxyOptions> options,
    IOptions<SidecarOptions> sidecar,
    WorkloadIdentity identity,
    ILogger<ProxyReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        applier.Changed += Signal;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReportAsync();
                try
                {
                    await _changed.WaitAsync(Interval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            applier.Changed -= Signal;
        }
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one report covers both changes.
            }
        }
    }

    private async Task ReportAsync()
    {
        var proxy = options.Value;
        var report = new ProxyReport(
            proxy.ResolvedId,
            proxy.Mode,
            proxy.Mode == ProxyMode.Sidecar ? sidecar.Value.Advertised.AbsoluteUri : proxy.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0],
            applier.AppliedVersion,
            applier.LastError,
            applier.Current.Snapshot.ConfigVersion,
            identity.Name);
        try
        {
            await client.GetGrain<IProxyDirectoryGrain>(GrainKeys.ProxyDirectory).ReportAsync(report);
        }
        catch (Exception e)
        {
            LogReportFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not report to the control plane")]
    private partial void LogReportFailed(Exception exception);
}
