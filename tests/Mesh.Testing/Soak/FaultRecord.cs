namespace Mesh.Testing.Soak;

/// <summary>One injected fault: when (seconds into the run), what and whom it hit, and how long until what it broke worked again.</summary>
public sealed record FaultRecord(double AtSeconds, string Kind, string Target, double RecoverySeconds, string RecoveredWhen);
