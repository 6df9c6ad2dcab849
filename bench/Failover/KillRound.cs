namespace Mesh.Bench.Failover;

/// <summary>One SIGKILL of the silo that hosts the catalog, and what followed, in seconds from the kill.</summary>
internal sealed record KillRound(
    int Number,
    double AdminWriteRecovered,
    double DeclaredDead,
    double EdgeConverged,
    long EdgeRequests,
    int EdgeFailures);
