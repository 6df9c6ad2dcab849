namespace Mesh.Contracts.Identity;

/// <summary>
/// Keyed by trust domain. Creates the mesh root once (ECDSA P-256) and keeps it in grain storage, so every
/// silo and every restart signs with the same root.
/// </summary>
[Alias("mesh.certificate-authority")]
public interface ICertificateAuthorityGrain : IGrainWithStringKey
{
    [Alias("get-root")]
    Task<string> GetRootPemAsync();

    /// <summary>Signs the CSR's public key into a leaf for <paramref name="service"/>; the CSR's own names are ignored.</summary>
    [Alias("sign")]
    Task<SigningResult> SignAsync(string service, string csrPem, TimeSpan lifetime);
}
