using System.Collections.Immutable;
using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Hosting.Health;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Identity;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Sidecar;

/// <summary>
/// The sidecar as an endpoint of its service: registers its inbound address with a TTL, health-checks the
/// app beside it and reports each result (which keeps the registration alive), registers again when the
/// registration lapsed, and on a graceful stop drains, lets every proxy see the drain, and leaves, all
/// before the listeners close.
/// </summary>
internal sealed partial class SidecarRegistration(
    IClusterClient client,
    SnapshotApplier applier,
    EndpointProber prober,
    WorkloadIdentity identity,
    IOptions<ProxyOptions> proxy,
    IOptions<SidecarOptions> sidecar,
    TimeProvider time,
    ILogger<SidecarRegistration> logger) : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CertificateWait = TimeSpan.FromMilliseconds(100);

    private readonly string _service = sidecar.Value.Service!;
    private readonly string _id = proxy.Value.ResolvedId;
    private readonly CancellationTokenSource _leaving = new();
    private bool _registered;
    private WriteOutcome? _lastRefusal;

    private ICatalogGrain Catalog => client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _leaving.CancelAsync();
        if (!_registered)
        {
            return;
        }

        var drain = sidecar.Value.Drain;
        try
        {
            await Catalog.DrainEndpointAsync(_service, _id);
            LogDraining(_service, _id, drain);
            await Task.Delay(drain, time, cancellationToken);
            await Catalog.DeleteEndpointAsync(_service, _id);
            LogLeft(_service, _id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The TTL removes the registration anyway; leaving early only makes it faster.
            LogLeaveFailed(_service, _id, e.GetBaseException().Message);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _leaving.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _leaving.Token);
        while (!stop.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = _registered ? await ReportAsync(stop.Token) : await RegisterAsync();
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                LogControlPlaneUnreachable(_service, e);
                wait = RetryInterval;
            }

            try
            {
                await Task.Delay(wait, time, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<TimeSpan> RegisterAsync()
    {
        if (identity.Current is null)
        {
            // Registered without a certificate, the endpoint would fail every handshake it is sent.
            return CertificateWait;
        }

        var options = sidecar.Value;
        var metadata = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add(EndpointMetadata.Sidecar, _id);
        var spec = new EndpointSpec(options.Advertised, EndpointDocuments.DefaultWeight, EndpointDocuments.DefaultZone, metadata, options.Ttl);
        var result = await Catalog.PutEndpointAsync(_service, _id, spec);
        if (result.Outcome == WriteOutcome.Applied)
        {
            _registered = true;
            _lastRefusal = null;
            LogRegistered(_service, _id, options.Advertised);
            return TimeSpan.Zero;
        }

        if (_lastRefusal != result.Outcome)
        {
            _lastRefusal = result.Outcome;
            var reasons = string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
            LogRefused(_service, _id, result.Outcome == WriteOutcome.NotFound ? $"service '{_service}' is not in the catalog" : reasons);
        }

        return RetryInterval;
    }

    /// <summary>
    /// One health check of the app, reported; the report is the heartbeat. A bare heartbeat when the service's
    /// checks are off, or while this sidecar's snapshot does not name its service yet: probing by a guessed check
    /// could call a healthy app unhealthy. Returns the wait until the next.
    /// </summary>
    private async Task<TimeSpan> ReportAsync(CancellationToken cancellationToken)
    {
        var check = applier.Current.Snapshot.Services.TryGetValue(_service, out var entry) ? entry.Spec.HealthCheck : null;
        var endpoint = client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(_service, _id));
        var status = check is { Enabled: true }
            ? await endpoint.ReportProbeAsync(await prober.ProbeAsync(sidecar.Value.AppAddress, check, cancellationToken))
            : await endpoint.HeartbeatAsync();
        if (status is null)
        {
            _registered = false;
            LogLapsed(_service, _id);
            return TimeSpan.Zero;
        }

        var heartbeat = sidecar.Value.Ttl / 3;
        return check is { Enabled: true } && check.Interval < heartbeat ? check.Interval : heartbeat;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered as endpoint {EndpointId} of {Service} at {Address}")]
    private partial void LogRegistered(string service, string endpointId, Uri address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register as endpoint {EndpointId} of {Service}: {Reason}; trying again")]
    private partial void LogRefused(string service, string endpointId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration {Service}/{EndpointId} lapsed; registering again")]
    private partial void LogLapsed(string service, string endpointId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not reach the control plane for the endpoint of {Service}")]
    private partial void LogControlPlaneUnreachable(string service, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining endpoint {Service}/{EndpointId}; leaving in {DrainTime}")]
    private partial void LogDraining(string service, string endpointId, TimeSpan drainTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} left the catalog")]
    private partial void LogLeft(string service, string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not drain and leave as endpoint {Service}/{EndpointId}: {Reason}")]
    private partial void LogLeaveFailed(string service, string endpointId, string reason);
}
