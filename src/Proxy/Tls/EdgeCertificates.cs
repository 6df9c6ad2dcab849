using System.Net.Security;

namespace Mesh.Proxy.Tls;

/// <summary>
/// What an edge's <c>https</c> listeners present, read per handshake: the catalog's certificates by SNI
/// (<see cref="SniCertificates"/>), and for a name none of them covers, with no catalog <c>default</c>, the
/// certificate files when they are configured.
/// </summary>
internal sealed class EdgeCertificates(TlsCertificateFiles? files)
{
    private SniCertificates _catalog = SniCertificates.Empty;

    /// <summary>The catalog's certificates now in use.</summary>
    public SniCertificates Catalog => Volatile.Read(ref _catalog);

    public SslStreamCertificateContext? Select(string? serverName) => Catalog.Select(serverName) ?? files?.Current;

    public void Replace(SniCertificates certificates) => Volatile.Write(ref _catalog, certificates);
}
