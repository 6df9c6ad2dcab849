using Mesh.Contracts.Identity;

namespace Mesh.Silo.Admin;

/// <summary>An issued certificate as the admin API shows it; <c>certificate</c> is the PEM, present only when it is issued.</summary>
internal sealed record CertificateDocument
{
    public required string Serial { get; init; }

    public required string SpiffeId { get; init; }

    public string? Certificate { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public static CertificateDocument From(IssuedCertificate certificate, string trustDomain) => new()
    {
        Serial = certificate.Serial,
        SpiffeId = SpiffeIds.For(trustDomain, certificate.Service),
        Certificate = certificate.CertificatePem.Length == 0 ? null : certificate.CertificatePem,
        NotBefore = certificate.NotBefore,
        NotAfter = certificate.NotAfter,
    };
}
