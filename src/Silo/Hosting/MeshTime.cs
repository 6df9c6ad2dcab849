namespace Mesh.Silo.Hosting;

/// <summary>
/// Mesh code reads time from a keyed <see cref="TimeProvider"/> so tests can move it
/// without also moving the clock Orleans uses for membership and timers.
/// </summary>
internal static class MeshTime
{
    public const string Key = "mesh";
}
