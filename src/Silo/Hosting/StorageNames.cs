namespace Mesh.Silo.Hosting;

/// <summary>Grain storage providers registered by the silo.</summary>
internal static class StorageNames
{
    /// <summary>Configuration and registrations: memory in the embedded default, PostgreSQL in a cluster.</summary>
    public const string Mesh = "mesh";
}
