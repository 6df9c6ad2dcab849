using Mesh.Contracts.Circuits;

namespace Mesh.Proxy.Resilience;

internal sealed class CircuitObserver(CircuitStates states) : ICircuitObserver
{
    public Task OnCircuitChangedAsync(CircuitStatus status)
    {
        states.Update(status);
        return Task.CompletedTask;
    }
}
