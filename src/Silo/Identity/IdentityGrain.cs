using System.Collections.Immutable;
using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Identity;
using Mesh.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Identity;

/// <summary>One service's identity: signs its CSRs through the CA, keeps the serials it issued, revokes them.</summary>
internal sealed partial class IdentityGrain(
    [PersistentState("identity", StorageNames.Mesh)] IPersistentState<IdentityState> state,
    IOptions<MeshOptions> mesh,
    IOptions<IdentityOptions> identity,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    ILogger<IdentityGrain> logger) : Grain, IIdentityGrain
{
    private string Service => this.GetPrimaryKeyString();

    public async Task<SigningResult> IssueAsync(string csrPem)
    {
        var result = await GrainFactory.GetGrain<ICertificateAuthorityGrain>(mesh.Value.TrustDomain).SignAsync(Service, csrPem, identity.Value.Lifetime);
        if (result.Certificate is { } certificate)
        {
            Prune();
            state.State.Issued[certificate.Serial] = new IssuedRecord { NotBefore = certificate.NotBefore, NotAfter = certificate.NotAfter };
            await state.WriteStateAsync();
            LogIssued(Service, certificate.Serial, certificate.NotAfter);
        }

        return result;
    }

    public Task<ImmutableArray<IssuedCertificate>> ListAsync() => Task.FromResult(
        state.State.Issued
            .Where(i => !i.Value.Revoked && i.Value.NotAfter > time.GetUtcNow())
            .Select(i => new IssuedCertificate(Service, i.Key, string.Empty, i.Value.NotBefore, i.Value.NotAfter))
            .OrderBy(c => c.NotAfter)
            .ToImmutableArray());

    public async Task<bool> RevokeAsync(string serial)
    {
        if (!state.State.Issued.TryGetValue(serial.ToUpperInvariant(), out var record) || record.Revoked)
        {
            return false;
        }

        record.Revoked = true;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICatalogGrain>(GrainKeys.Catalog).OnCertificateRevokedAsync(serial.ToUpperInvariant(), record.NotAfter);
        LogRevoked(Service, serial);
        return true;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var expired in state.State.Issued.Where(i => i.Value.NotAfter <= now).Select(i => i.Key).ToList())
        {
            state.State.Issued.Remove(expired);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued certificate {Serial} to {Service}, valid until {NotAfter}")]
    private partial void LogIssued(string service, string serial, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoked certificate {Serial} of {Service}")]
    private partial void LogRevoked(string service, string serial);
}
