namespace Mesh.Proxy.Resilience;

/// <summary>What the local view says about sending to a service right now.</summary>
internal enum CircuitDecision
{
    /// <summary>Send.</summary>
    Closed,

    /// <summary>Send only with a probe permit from the service's circuit grain.</summary>
    Probe,

    /// <summary>Shed at once with 503.</summary>
    Open,
}
