namespace Mesh.Silo.Hosting;

/// <summary><c>Orleans</c>: cluster identity and this silo's ports.</summary>
internal sealed class ClusterHostOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "mesh";

    public string ServiceId { get; set; } = "mesh";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string AdvertisedIP { get; set; } = "127.0.0.1";
}
