using System.Collections.Immutable;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Identity;
using Mesh.Proxy.Tests.Catalog;
using Mesh.Testing;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Tests.Identity;

public sealed class MeshTrustTests : IDisposable
{
    private readonly TestCertificateAuthority _authority = new();
    private readonly TestCertificateAuthority _stranger = new("Not the mesh");
    private readonly WorkloadIdentity _identity = new("inventory");
    private readonly SnapshotApplier _applier = TestAppliers.Create();

    private MeshTrust Trust => new(_identity, _applier, Options.Create(new TrustOptions()), TimeProvider.System);

    [Fact]
    public void CertificateOfTheMeshRoot_SpeaksForTheServiceItNames()
    {
        _identity.Install(WorkloadCredentialsFor.Service(_authority, "inventory"));
        using var caller = _authority.Issue("spiffe://mesh.local/service/orders");

        Assert.Equal(PeerVerdict.Trusted("orders"), Trust.Verify(caller));
    }

    [Fact]
    public void WithoutItsOwnCertificate_AProxyTrustsNobody()
    {
        using var caller = _authority.Issue("spiffe://mesh.local/service/orders");

        Assert.Equal("this proxy has no mesh root yet", Trust.Verify(caller).Refusal);
        Assert.Equal("no certificate was presented", Trust.Verify(null).Refusal);
    }

    [Fact]
    public void CertificateOfAnotherRoot_IsRefusedEvenWithTheRightName()
    {
        _identity.Install(WorkloadCredentialsFor.Service(_authority, "inventory"));
        using var caller = _stranger.Issue("spiffe://mesh.local/service/orders");

        Assert.StartsWith("certificate does not chain to the mesh root", Trust.Verify(caller).Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spiffe://other.domain/service/orders")]
    [InlineData("spiffe://mesh.local/service/orders/extra")]
    [InlineData("spiffe://mesh.local/workload/orders")]
    [InlineData("https://mesh.local/service/orders")]
    public void CertificateNamingNoServiceOfTheTrustDomain_IsRefused(string name)
    {
        _identity.Install(WorkloadCredentialsFor.Service(_authority, "inventory"));
        using var caller = _authority.Issue(name);

        Assert.Equal("certificate names no service of trust domain mesh.local", Trust.Verify(caller).Refusal);
    }

    [Fact]
    public void ExpiredCertificate_IsRefusedAtTheHandshake()
    {
        _identity.Install(WorkloadCredentialsFor.Service(_authority, "inventory"));
        using var caller = _authority.Issue("spiffe://mesh.local/service/orders", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.StartsWith("certificate does not chain to the mesh root (NotTimeValid", Trust.Verify(caller).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateRevokedInTheAppliedSnapshot_IsRefused()
    {
        _identity.Install(WorkloadCredentialsFor.Service(_authority, "inventory"));
        using var caller = _authority.Issue("spiffe://mesh.local/service/orders");
        _applier.Offer(Snapshots.Of(1, [], []) with { RevokedSerials = ImmutableSortedSet.Create(caller.SerialNumber) });
        _applier.OnApplied("1");

        Assert.True(Trust.IsRevoked(caller));
        Assert.Equal($"certificate {caller.SerialNumber} is revoked", Trust.Verify(caller).Refusal);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _stranger.Dispose();
    }
}
