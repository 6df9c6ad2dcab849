namespace Mesh.Silo.Admin;

internal static class MeshHeaders
{
    /// <summary>On every admin API response: the configuration version (the last commit) after the call.</summary>
    public const string ConfigVersion = "X-Mesh-Config-Version";

    /// <summary>On every admin API response: the snapshot version after the call, what proxies follow (commits and endpoint state).</summary>
    public const string SnapshotVersion = "X-Mesh-Snapshot-Version";
}
