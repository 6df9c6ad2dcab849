using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Certificates;

/// <summary>
/// Maps between <see cref="EdgeCertificateDocument"/> and <see cref="EdgeCertificateSpec"/>: the chain must parse
/// (leaf first, each certificate issued by the next), every host must be covered by the leaf's DNS names, and a
/// key, when one is given, must be the leaf's. Expiry is the catalog's to judge, by its clock.
/// </summary>
public static class EdgeCertificateDocuments
{
    public const int MaxPemLength = 64 * 1024;

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    public static EdgeCertificateSpec Parse(EdgeCertificateDocument document, ValidationErrors errors)
    {
        var hosts = ReadHosts(document.Hosts, errors);
        if (ReadChain(document.Certificate, errors) is not { } chain)
        {
            return new EdgeCertificateSpec(document.Certificate ?? string.Empty, hosts, string.Empty, DateTimeOffset.MinValue);
        }

        using var leaf = chain[0];
        var names = DnsNames(leaf);

        // Only when every host was read: a refused one would shift the indexes the errors name.
        for (var i = 0; hosts.Length == document.Hosts?.Count && i < hosts.Length; i++)
        {
            if (!names.Any(n => Covers(n, hosts[i])))
            {
                errors.Add(FieldPath.Index("hosts", i), $"'{hosts[i]}' is not covered by the certificate's names ({(names.Count == 0 ? "it has no DNS names" : string.Join(", ", names))})");
            }
        }

        if (document.PrivateKey is { } key)
        {
            CheckKey(document.Certificate!, key, errors);
        }

        foreach (var certificate in chain.Skip(1))
        {
            certificate.Dispose();
        }

        return new EdgeCertificateSpec(
            document.Certificate!.Trim() + "\n",
            hosts,
            Convert.ToHexStringLower(leaf.GetCertHash(HashAlgorithmName.SHA256)),
            new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            document.PrivateKey);
    }

    public static EdgeCertificateDocument From(string name, EdgeCertificateSpec spec) => new()
    {
        Name = name,
        Certificate = spec.Chain,
        Hosts = spec.Hosts,
        NotAfter = spec.NotAfter,
        Sha256 = spec.Sha256,
    };

    /// <summary>Whether a certificate name (<c>api.example.com</c>, <c>*.example.com</c>) covers a host as TLS clients match it (RFC 6125: a wildcard spans one label).</summary>
    public static bool Covers(string certificateName, string host)
    {
        if (string.Equals(certificateName, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!certificateName.StartsWith("*.", StringComparison.Ordinal) || host.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(host[dot..], certificateName[1..], StringComparison.OrdinalIgnoreCase);
    }

    private static ImmutableArray<string> ReadHosts(IReadOnlyList<string>? hosts, ValidationErrors errors)
    {
        if (hosts is null || hosts.Count == 0)
        {
            errors.Add("hosts", "is required: the names (api.example.com, *.example.com) this certificate serves");
            return [];
        }

        var read = ImmutableArray.CreateBuilder<string>(hosts.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            if (!HttpSyntax.IsHost(host) || host.Contains(':', StringComparison.Ordinal))
            {
                errors.Add(FieldPath.Index("hosts", i), "must be a DNS name without a port, optionally with a leading '*.'");
            }
            else if (!seen.Add(host))
            {
                errors.Add(FieldPath.Index("hosts", i), $"'{host}' appears more than once");
            }
            else
            {
                read.Add(host.ToLowerInvariant());
            }
        }

        return read.ToImmutable();
    }

    /// <summary>The chain's certificates, leaf first; null (with the reason) when it does not parse or is out of order.</summary>
    private static X509Certificate2[]? ReadChain(string? pem, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            errors.Add("certificate", "is required: the PEM certificate, the leaf first, then its intermediates");
            return null;
        }

        if (pem.Length > MaxPemLength)
        {
            errors.Add("certificate", $"must be at most {MaxPemLength} characters");
            return null;
        }

        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            errors.Add("certificate", $"does not parse as PEM certificates: {e.Message}");
            return null;
        }

        if (chain.Count == 0)
        {
            errors.Add("certificate", "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            return null;
        }

        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (!chain[i].IssuerName.RawData.AsSpan().SequenceEqual(chain[i + 1].SubjectName.RawData))
            {
                errors.Add("certificate", $"the chain is out of order: certificate {i + 1} ({chain[i].Subject}) was not issued by certificate {i + 2} ({chain[i + 1].Subject}); put the leaf first, then each issuer");
                foreach (var certificate in chain)
                {
                    certificate.Dispose();
                }

                return null;
            }
        }

        return [.. chain];
    }

    private static List<string> DnsNames(X509Certificate2 leaf) =>
        [.. leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(san => san.EnumerateDnsNames())];

    private static void CheckKey(string chainPem, string keyPem, ValidationErrors errors)
    {
        if (keyPem.Length > MaxPemLength || !PemEncoding.TryFind(keyPem, out var fields) || !KeyLabels.Contains(keyPem[fields.Label], StringComparer.Ordinal))
        {
            errors.Add("privateKey", "must be an unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
            return;
        }

        try
        {
            using var paired = X509Certificate2.CreateFromPem(chainPem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            errors.Add("privateKey", "does not match the certificate: it is not the key of the leaf (the first certificate)");
        }
    }
}
