namespace Mesh.Silo.Admin;

internal static class MeshHeaders
{
    /// <summary>On every admin API response: the catalog version after the call.</summary>
    public const string ConfigVersion = "X-Mesh-Config-Version";
}
