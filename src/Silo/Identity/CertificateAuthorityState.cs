namespace Mesh.Silo.Identity;

/// <summary>
/// The mesh root and its private key. They live in grain storage (PostgreSQL in a cluster), so whoever can
/// read that database can mint identities: protect it as the trust anchor it holds.
/// </summary>
[GenerateSerializer, Alias("mesh.certificate-authority-state")]
internal sealed class CertificateAuthorityState
{
    [Id(0)]
    public string? RootCertificatePem { get; set; }

    [Id(1)]
    public string? RootKeyPem { get; set; }
}
