namespace Mesh.Silo.Hosting;

/// <summary><c>Mesh</c>: settings of the mesh as a whole.</summary>
internal sealed class MeshOptions
{
    public const string Section = "Mesh";

    /// <summary>SPIFFE trust domain of issued identities.</summary>
    public string TrustDomain { get; set; } = "mesh.local";
}
