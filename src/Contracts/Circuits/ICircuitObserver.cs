using Orleans.Concurrency;

namespace Mesh.Contracts.Circuits;

/// <summary>Receives circuit state changes. Best-effort: proxies re-subscribe and re-read on a timer.</summary>
[Alias("mesh.circuit-observer")]
public interface ICircuitObserver : IGrainObserver
{
    [OneWay, Alias("on-circuit-changed")]
    Task OnCircuitChangedAsync(CircuitStatus status);
}
