using Mesh.Contracts.Circuits;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// The one grain call a request may wait on: a half-open circuit's probe permit, which is mesh-wide by
/// design. Anything but a quick yes counts as no, so a slow control plane sheds rather than stalls.
/// </summary>
internal sealed partial class CircuitProbes(IClusterClient client, ILogger<CircuitProbes> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public async Task<bool> TryAcquireAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetGrain<ICircuitBreakerGrain>(service).TryAcquireProbeAsync().WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProbeUnavailable(service, e);
            return false;
        }
    }

    public void Report(string service, bool succeeded) => _ = SendAsync(service, circuit => circuit.ReportProbeAsync(succeeded));

    /// <summary>The probe's request said nothing about the service: another request may probe instead.</summary>
    public void Release(string service) => _ = SendAsync(service, static circuit => circuit.ReleaseProbeAsync());

    private async Task SendAsync(string service, Func<ICircuitBreakerGrain, Task> call)
    {
        try
        {
            await call(client.GetGrain<ICircuitBreakerGrain>(service)).WaitAsync(Timeout);
        }
        catch (Exception e)
        {
            LogProbeUnavailable(service, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Circuit of {Service} unreachable for a probe")]
    private partial void LogProbeUnavailable(string service, Exception exception);
}
