using System.Collections.Immutable;

namespace Mesh.Contracts.Identity;

/// <summary>Keyed by service name: the certificates issued to it, and their revocation.</summary>
[Alias("mesh.identity")]
public interface IIdentityGrain : IGrainWithStringKey
{
    [Alias("issue")]
    Task<SigningResult> IssueAsync(string csrPem);

    [Alias("list")]
    Task<ImmutableArray<IssuedCertificate>> ListAsync();

    /// <summary>Revokes one certificate; false when this service never had it or it is already revoked.</summary>
    [Alias("revoke")]
    Task<bool> RevokeAsync(string serial);
}
