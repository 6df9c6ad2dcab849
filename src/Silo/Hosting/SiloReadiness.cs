namespace Mesh.Silo.Hosting;

/// <summary>Ready once this silo is an active member of the cluster.</summary>
internal sealed class SiloReadiness(IClusterMembershipService membership, ILocalSiloDetails local)
{
    public bool IsReady => membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active;
}
