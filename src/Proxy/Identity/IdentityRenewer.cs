using Mesh.Proxy.Catalog;
using Mesh.Proxy.ControlPlane;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Identity;

/// <summary>
/// Keeps this proxy's certificate fresh: enrolls at start, renews at half life, and at once when the
/// snapshot revokes the certificate in use. While the control plane is away it keeps the certificate it
/// has (connections keep working until it expires) and tries again every few seconds; a restart meanwhile
/// starts from the one kept in <see cref="IdentityFile"/>.
/// </summary>
internal sealed partial class IdentityRenewer(
    IClusterClient client,
    WorkloadIdentity identity,
    SnapshotApplier applier,
    IdentityFile file,
    ControlPlaneStatus controlPlane,
    IOptions<TrustOptions> trust,
    TimeProvider time,
    ILogger<IdentityRenewer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _revoked = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        applier.Changed += CheckRevoked;
        if (file.Load(identity.Name) is { } saved)
        {
            identity.Install(saved);
        }

        try
        {
            var retry = FirstRetry;
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    var credentials = await CertificateEnrollment.EnrollAsync(client, identity.Name, trust.Value.TrustDomain, time.GetUtcNow());
                    identity.Install(credentials);
                    file.Save(credentials);
                    LogEnrolled(identity.Name, credentials.Serial, credentials.NotAfter, credentials.RenewAt);
                    retry = FirstRetry;
                    wait = credentials.RenewAt - time.GetUtcNow();
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // While the control plane is away the watcher already says so; warn only about failures it does not explain.
                    if (controlPlane.IsConnected)
                    {
                        LogEnrollFailed(identity.Name, retry, e.GetBaseException().Message);
                    }

                    wait = retry;
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
                }

                await WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            applier.Changed -= CheckRevoked;
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var revoked = _revoked.WaitAsync(wake.Token);
        var first = await Task.WhenAny(Task.Delay(wait, time, wake.Token), revoked);
        await wake.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        if (first == revoked)
        {
            LogRevoked(identity.Name, identity.Current?.Serial ?? "-");
        }
    }

    private void CheckRevoked()
    {
        if (identity.Current is { } current && applier.Current.Snapshot.RevokedSerials.Contains(current.Serial) && _revoked.CurrentCount == 0)
        {
            try
            {
                _revoked.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {Serial} for {Service} valid until {NotAfter}; renewing at {RenewAt}")]
    private partial void LogEnrolled(string service, string serial, DateTimeOffset notAfter, DateTimeOffset renewAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not get a certificate for {Service}; trying again in {Retry}: {Reason}")]
    private partial void LogEnrollFailed(string service, TimeSpan retry, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate {Serial} of {Service} was revoked; getting a new one")]
    private partial void LogRevoked(string service, string serial);
}
