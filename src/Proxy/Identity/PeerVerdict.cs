namespace Mesh.Proxy.Identity;

/// <summary>Who a peer certificate speaks for, or why it is not trusted.</summary>
internal readonly record struct PeerVerdict(string? Service, string? Refusal)
{
    public bool IsTrusted => Service is not null;

    public static PeerVerdict Trusted(string service) => new(service, null);

    public static PeerVerdict Refused(string reason) => new(null, reason);
}
