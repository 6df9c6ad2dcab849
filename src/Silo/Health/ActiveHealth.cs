using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;

namespace Mesh.Silo.Health;

/// <summary>
/// The health state machine of active probes: unknown until the first verdict, then healthy after
/// <c>healthyThreshold</c> passes in a row and unhealthy after <c>unhealthyThreshold</c> failures in a row.
/// </summary>
internal sealed class ActiveHealth
{
    private int _passes;
    private int _failures;

    public EndpointHealth Health { get; private set; } = EndpointHealth.Unknown;

    /// <summary>Records one probe; returns true when the health changed.</summary>
    public bool Record(bool passed, HealthCheckSpec spec)
    {
        (_passes, _failures) = passed ? (_passes + 1, 0) : (0, _failures + 1);
        var next = Health;
        if (passed && _passes >= spec.HealthyThreshold)
        {
            next = EndpointHealth.Healthy;
        }
        else if (!passed && _failures >= spec.UnhealthyThreshold)
        {
            next = EndpointHealth.Unhealthy;
        }

        var changed = next != Health;
        Health = next;
        return changed;
    }
}
