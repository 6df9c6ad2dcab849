namespace Mesh.Proxy.Identity;

/// <summary><c>Mesh:TrustDomain</c>, shared with the silos: the SPIFFE trust domain this proxy accepts.</summary>
internal sealed class TrustOptions
{
    public const string Section = "Mesh";

    public string TrustDomain { get; set; } = "mesh.local";
}
