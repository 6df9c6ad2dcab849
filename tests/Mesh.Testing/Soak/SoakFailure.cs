namespace Mesh.Testing.Soak;

/// <summary>A request that did not get its 200: when (seconds into the run), what it asked, through which edge, and what came back.</summary>
public sealed record SoakFailure(double AtSeconds, string Path, int Edge, string What);
