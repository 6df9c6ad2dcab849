using System.Collections.Concurrent;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Services;
using Mesh.Proxy.ControlPlane;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// The circuits as this proxy knows them: the mesh-wide states its circuit grains pushed, and while the
/// control plane is unreachable, its own local veto. The hot path reads it without I/O.
/// </summary>
internal sealed partial class CircuitStates(ControlPlaneStatus controlPlane, TimeProvider time, ILogger<CircuitStates> logger)
{
    private readonly ConcurrentDictionary<string, CircuitStatus> _remote = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalVeto> _local = new(StringComparer.Ordinal);

    public IEnumerable<CircuitStatus> Known => _remote.Values;

    public int LocalVetoes => _local.Values.Count(v => v.OpenUntil(time.GetUtcNow()) is not null);

    public void Update(CircuitStatus status)
    {
        _remote.AddOrUpdate(status.Service, status, (_, known) => status.Since >= known.Since ? status : known);
    }

    public void Forget(IEnumerable<string> services)
    {
        foreach (var service in services)
        {
            _remote.TryRemove(service, out _);
            _local.TryRemove(service, out _);
        }
    }

    public (CircuitDecision Decision, DateTimeOffset? RetryAt) Check(string service)
    {
        var now = time.GetUtcNow();
        if (!controlPlane.IsConnected)
        {
            return _local.TryGetValue(service, out var veto) && veto.OpenUntil(now) is { } until ? (CircuitDecision.Open, until) : (CircuitDecision.Closed, null);
        }

        if (!_remote.TryGetValue(service, out var status))
        {
            return (CircuitDecision.Closed, null);
        }

        return status.State switch
        {
            CircuitState.Open when status.RetryAt > now => (CircuitDecision.Open, status.RetryAt),
            CircuitState.Closed => (CircuitDecision.Closed, null),
            _ => (CircuitDecision.Probe, null),
        };
    }

    public void RecordLocal(string service, CircuitBreakerSpec spec, bool succeeded)
    {
        // Per request: the lookup that nearly always hits allocates nothing; a new or changed spec takes the slow path.
        if (!_local.TryGetValue(service, out var veto) || veto.Spec != spec)
        {
            veto = _local.AddOrUpdate(service, static (_, spec) => new LocalVeto(spec), static (_, known, spec) => known.Spec == spec ? known : new LocalVeto(spec), spec);
        }

        if (veto.Record(time.GetUtcNow(), succeeded) && !controlPlane.IsConnected)
        {
            LogLocalVeto(service, spec.BreakDuration);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Control plane unreachable: tripping {Service} locally for {Duration} on this proxy's own failures")]
    private partial void LogLocalVeto(string service, TimeSpan duration);
}
