using System.Collections.Frozen;
using System.Net.Security;

namespace Mesh.Proxy.Tls;

/// <summary>
/// Which certificate a TLS handshake gets for the name it asks for (SNI): the certificate listing that exact host,
/// else one listing <c>*.</c> its parent domain, else the one named <c>default</c>. Built once per set of
/// certificates, so a handshake costs two lookups at most. Where two certificates list one host, the one valid
/// longer wins (a rotation's overlap serves the new one).
/// </summary>
internal sealed class SniCertificates
{
    private readonly FrozenDictionary<string, SslStreamCertificateContext> _exact;
    private readonly FrozenDictionary<string, SslStreamCertificateContext> _wildcard;

    private SniCertificates(
        FrozenDictionary<string, SslStreamCertificateContext> exact,
        FrozenDictionary<string, SslStreamCertificateContext> wildcard,
        SslStreamCertificateContext? fallback)
    {
        _exact = exact;
        _wildcard = wildcard;
        Default = fallback;
    }

    public static SniCertificates Empty { get; } = new(FrozenDictionary<string, SslStreamCertificateContext>.Empty, FrozenDictionary<string, SslStreamCertificateContext>.Empty, null);

    public SslStreamCertificateContext? Default { get; }

    public int Count => _exact.Count + _wildcard.Count + (Default is null ? 0 : 1);

    /// <param name="certificates">Each certificate with the hosts it serves and whether it is the default.</param>
    public static SniCertificates Build(IEnumerable<(SslStreamCertificateContext Context, IReadOnlyList<string> Hosts, bool IsDefault)> certificates)
    {
        var exact = new Dictionary<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase);
        SslStreamCertificateContext? fallback = null;
        foreach (var (context, hosts, isDefault) in certificates.OrderBy(c => c.Context.TargetCertificate.NotAfter))
        {
            foreach (var host in hosts)
            {
                if (host.StartsWith("*.", StringComparison.Ordinal))
                {
                    wildcard[host[2..]] = context;
                }
                else
                {
                    exact[host] = context;
                }
            }

            if (isDefault)
            {
                fallback = context;
            }
        }

        return new SniCertificates(exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), wildcard.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), fallback);
    }

    public SslStreamCertificateContext? Select(string? serverName)
    {
        if (string.IsNullOrEmpty(serverName))
        {
            return Default;
        }

        if (_exact.TryGetValue(serverName, out var exact))
        {
            return exact;
        }

        var dot = serverName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _wildcard.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(serverName.AsSpan(dot + 1), out var wildcard) ? wildcard : Default;
    }
}
