using Mesh.Contracts.Identity;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Identity;

internal sealed partial class CertificateAuthorityGrain(
    [PersistentState("certificate-authority", StorageNames.Mesh)] IPersistentState<CertificateAuthorityState> state,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    ILogger<CertificateAuthorityGrain> logger) : Grain, ICertificateAuthorityGrain
{
    private string TrustDomain => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.RootCertificatePem is null)
        {
            (state.State.RootCertificatePem, state.State.RootKeyPem) = CertificateIssuer.CreateRoot(TrustDomain, time.GetUtcNow());
            await state.WriteStateAsync(cancellationToken);
            LogCreated(TrustDomain);
        }
    }

    public Task<string> GetRootPemAsync() => Task.FromResult(state.State.RootCertificatePem!);

    public Task<SigningResult> SignAsync(string service, string csrPem, TimeSpan lifetime) =>
        Task.FromResult(CertificateIssuer.Sign(state.State.RootCertificatePem!, state.State.RootKeyPem!, TrustDomain, service, csrPem, lifetime, time.GetUtcNow()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created a new mesh root for trust domain {TrustDomain}")]
    private partial void LogCreated(string trustDomain);
}
