using System.Diagnostics;
using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>A proxy stops talking to a server whose certificate was revoked, pooled connections included.</summary>
[Collection(MeshCollection.Name)]
public sealed class OutboundRevocationTests(MeshFixture mesh)
{
    [Fact]
    public async Task ServerWhoseCertificateIsRevoked_LosesItsOpenConnectionAndEveryNewHandshake()
    {
        var service = Names.Unique("revoked");
        await mesh.Admin.PutServiceAsync(service);
        using var certificate = await MeshCertificates.IssueAsync(mesh.Admin, service);
        var port = FreePort.Next();
        await using var server = await StartServerAsync(port, certificate);
        await mesh.Admin.PutJsonAsync(
            $"/api/v1/services/{service}/endpoints/{service}-1",
            $$"""{ "address": "https://127.0.0.1:{{port}}", "metadata": { "mesh.sidecar": "{{service}}-1" } }""");
        await mesh.Edge.WaitForVersionAsync(await mesh.Admin.PutRouteAsync(service, $$"""{ "match": { "path": "/{{service}}" }, "backends": [ { "service": "{{service}}" } ] }"""));
        await Eventually.ReturnsAsync(async () => (await mesh.Edge.Http.GetAsync("/" + service)).StatusCode, s => s == HttpStatusCode.OK, "the edge to reach the server over mTLS");

        using var revoke = await mesh.Admin.DeleteAsync($"/api/v1/identities/{service}/certificates/{certificate.SerialNumber}");
        var revokedAt = Stopwatch.StartNew();
        var status = await Eventually.ReturnsAsync(
            async () => (await mesh.Edge.Http.GetAsync("/" + service)).StatusCode,
            s => s != HttpStatusCode.OK,
            "the edge to stop reaching the revoked server",
            TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.True(revokedAt.Elapsed <= TimeSpan.FromSeconds(1), $"still served {revokedAt.Elapsed.TotalMilliseconds:F0} ms after the revocation");
    }

    private static async Task<WebApplication> StartServerAsync(int port, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/{**path}", () => "served with a mesh certificate");
        await app.StartAsync();
        return app;
    }
}
