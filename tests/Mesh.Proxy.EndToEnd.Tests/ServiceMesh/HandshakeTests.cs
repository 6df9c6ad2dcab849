using System.Diagnostics;
using System.Net;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>What a sidecar's inbound listener lets in: mesh certificates that are not revoked, nothing else.</summary>
[Collection(MeshCollection.Name)]
public sealed class HandshakeTests(MeshFixture mesh)
{
    private static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(1);

    private int InboundPort => mesh.InventorySidecar.InboundPort!.Value;

    [Fact]
    public async Task ClientWithoutACertificate_FailsTheHandshake()
    {
        using var client = MeshCertificates.Client(InboundPort, certificate: null, mesh.Root);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/stock/1"));
    }

    [Fact]
    public async Task ClientWithACertificateFromAnotherAuthority_FailsTheHandshake()
    {
        using var stranger = MeshCertificates.FromAnotherAuthority("orders");
        using var client = MeshCertificates.Client(InboundPort, stranger, mesh.Root);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/stock/1"));
    }

    [Fact]
    public async Task MeshCertificate_IsLetInAndItsIdentityReachesTheApp()
    {
        using var certificate = await MeshCertificates.IssueAsync(mesh.Admin, "orders");
        using var client = MeshCertificates.Client(InboundPort, certificate, mesh.Root);

        using var response = await client.GetAsync("/stock/9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("spiffe://mesh.local/service/orders", (string?)(await response.ReadJsonAsync())["caller"]);
    }

    [Fact]
    public async Task RevokedCertificate_IsRefusedWithinOneSecond_OnTheOpenConnectionAndOnNewOnes()
    {
        using var certificate = await MeshCertificates.IssueAsync(mesh.Admin, "orders");
        using var client = MeshCertificates.Client(InboundPort, certificate, mesh.Root);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/stock/1")).StatusCode);

        using var revoke = await mesh.Admin.DeleteAsync($"/api/v1/identities/orders/certificates/{certificate.SerialNumber}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var revokedAt = Stopwatch.StartNew();
        var refused = await Eventually.ReturnsAsync(
            async () => (await client.GetAsync("/stock/1")).StatusCode,
            status => status == HttpStatusCode.Forbidden,
            "the revoked certificate to be refused on its open connection",
            TimeSpan.FromSeconds(10));
        var elapsed = revokedAt.Elapsed;

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.True(elapsed <= RevocationDeadline, $"refused {elapsed.TotalMilliseconds:F0} ms after the revocation was acknowledged");
        using var fresh = MeshCertificates.Client(InboundPort, certificate, mesh.Root);
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/stock/1"));
    }
}
