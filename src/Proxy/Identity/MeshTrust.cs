using System.Security.Cryptography.X509Certificates;
using Mesh.Contracts.Identity;
using Mesh.Proxy.Catalog;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Identity;

/// <summary>
/// Decides whether a peer's certificate is a mesh identity: it chains to the mesh root (and only to it),
/// is within its validity, is not revoked in the snapshot this proxy serves, and names exactly one
/// service of our trust domain. Used for callers on the inbound listener and for servers on the way out.
/// </summary>
internal sealed class MeshTrust(WorkloadIdentity identity, SnapshotApplier applier, IOptions<TrustOptions> trust, TimeProvider time)
{
    private readonly string _trustDomain = trust.Value.TrustDomain;

    public string TrustDomain => _trustDomain;

    public PeerVerdict Verify(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return PeerVerdict.Refused("no certificate was presented");
        }

        if (identity.Current is not { } credentials)
        {
            return PeerVerdict.Refused("this proxy has no mesh root yet");
        }

        if (IsRevoked(certificate))
        {
            return Revoked(certificate);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(credentials.Root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate))
        {
            var problems = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
            return PeerVerdict.Refused($"certificate does not chain to the mesh root ({problems})");
        }

        return SpiffeIds.ServiceOf(certificate, _trustDomain) is { } service
            ? PeerVerdict.Trusted(service)
            : PeerVerdict.Refused($"certificate names no service of trust domain {_trustDomain}");
    }

    /// <summary>
    /// Per request as well as per handshake: a revocation must reach connections already open. Expiry is a
    /// handshake matter, as everywhere in TLS: a caller that rotated keeps its open connections.
    /// </summary>
    public bool IsRevoked(X509Certificate2 certificate) => applier.Current.Snapshot.RevokedSerials.Contains(certificate.SerialNumber);

    /// <summary>A verdict kept from the handshake, refused if the certificate was revoked since.</summary>
    public PeerVerdict Recheck(PeerVerdict verdict, X509Certificate2? certificate) =>
        verdict.IsTrusted && certificate is not null && IsRevoked(certificate) ? Revoked(certificate) : verdict;

    private static PeerVerdict Revoked(X509Certificate2 certificate) => PeerVerdict.Refused($"certificate {certificate.SerialNumber} is revoked");
}
