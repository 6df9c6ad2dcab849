namespace Mesh.Proxy.Hosting;

/// <summary>How the proxy finds the cluster: <c>Orleans</c> keys and <c>ConnectionStrings:Mesh</c>.</summary>
internal sealed class ControlPlaneOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "mesh";

    public string ServiceId { get; set; } = "mesh";

    /// <summary>The localhost gateway when no connection string is set.</summary>
    public int GatewayPort { get; set; } = 30000;
}
