namespace Mesh.Testing.Soak;

/// <summary>
/// One process of the soak's cluster as it runs now: its name stays when it is restarted, its process changes.
/// <paramref name="Metrics"/> is its Prometheus <c>/metrics</c> (the runtime's heap and GC counts), null for an app.
/// </summary>
public sealed record SoakMember(string Name, MeshProcess Process, Uri? Metrics);
