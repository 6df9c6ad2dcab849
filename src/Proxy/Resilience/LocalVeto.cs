using Mesh.Contracts.Circuits;
using Mesh.Contracts.Services;

namespace Mesh.Proxy.Resilience;

/// <summary>
/// This proxy's own circuit for one service, used only while the control plane is unreachable: the same
/// rule as the mesh-wide circuit over this proxy's outcomes. After the break it lets traffic through again.
/// </summary>
internal sealed class LocalVeto(CircuitBreakerSpec spec)
{
    private readonly Lock _gate = new();
    private readonly OutcomeWindow _window = new(spec.Window);
    private DateTimeOffset? _openUntil;

    public CircuitBreakerSpec Spec { get; } = spec;

    public DateTimeOffset? OpenUntil(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_openUntil <= now)
            {
                _openUntil = null;
                _window.Clear();
            }

            return _openUntil;
        }
    }

    /// <summary>Records one request; returns true when this trips the veto.</summary>
    public bool Record(DateTimeOffset now, bool succeeded)
    {
        lock (_gate)
        {
            if (_openUntil is not null)
            {
                return false;
            }

            _window.Add(now, succeeded ? 1 : 0, succeeded ? 0 : 1);
            if (!_window.ShouldOpen(now, Spec))
            {
                return false;
            }

            _openUntil = now + Spec.BreakDuration;
            return true;
        }
    }
}
