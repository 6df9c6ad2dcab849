namespace Mesh.Contracts.Circuits;

[GenerateSerializer, Alias("mesh.circuit-state")]
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
