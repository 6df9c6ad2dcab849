namespace Mesh.Contracts.Analytics;

/// <summary>What analytics are grouped by.</summary>
[GenerateSerializer, Alias("mesh.analytics-kind")]
public enum AnalyticsKind
{
    /// <summary>An edge route, as the edge that matched it saw it.</summary>
    Route,

    /// <summary>A service, as the proxy that chose it saw it (an edge or the caller's sidecar).</summary>
    Service,

    /// <summary>An edge client that was identified (API key or JWT).</summary>
    Consumer,

    /// <summary>One caller's calls to one service, as the called service's sidecar saw them: the mesh's call graph.</summary>
    Call,
}
