using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>
/// An edge with an <c>https</c> URL and <c>Mesh:Proxy:TlsCertificateFile</c>/<c>TlsKeyFile</c>: TLS with ALPN h2 and
/// http/1.1 beside a cleartext port, certificate files replaced without a restart, and a bad pair refused in one line.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeTlsTests(EdgeFixture edge) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesh-edge-tls-").FullName;

    private string CertificateFile => Path.Combine(_folder, "tls.crt");

    private string KeyFile => Path.Combine(_folder, "tls.key");

    [Fact]
    public async Task HttpsUrl_ServesTheFileCertificate_WithAlpnH2AndHttp11_AndTheBackendSeesSchemeHttps()
    {
        using var certificate = WriteCertificate("api.mesh.test");
        await using var backend = await TestBackend.StartAsync("tls-in");
        var name = Names.Unique("tls");
        await edge.PutServiceAsync(name, "{}", backend);
        var version = await edge.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        var tlsPort = FreePort.Next();
        await using var proxy = await StartAsync(tlsPort);
        await proxy.WaitForVersionAsync(version);

        var (h2, h2Certificate) = await GetAsync(tlsPort, $"/{name}/two", HttpVersion.Version20);
        var (h11, h11Certificate) = await GetAsync(tlsPort, $"/{name}/one", HttpVersion.Version11);

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), h2);
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), h11);
        Assert.Equal(certificate.Thumbprint, h2Certificate);
        Assert.Equal(certificate.Thumbprint, h11Certificate);
        Assert.Equal("https", backend.Requests.Single(r => r.Path == $"/{name}/two").Header("x-forwarded-proto"));
        Assert.Equal(HttpStatusCode.OK, (await proxy.Http.GetAsync($"/{name}/cleartext")).StatusCode);
    }

    [Fact]
    public async Task ReplacedFiles_ServeNewHandshakes_AndAKeyThatDoesNotMatchKeepsTheLastGoodCertificate()
    {
        using var first = WriteCertificate("api.mesh.test");
        var tlsPort = FreePort.Next();
        await using var proxy = await StartAsync(tlsPort);
        Assert.Equal(first.Thumbprint, (await GetAsync(tlsPort, "/", HttpVersion.Version20)).Certificate);

        using var second = WriteCertificate("api.mesh.test");
        await Eventually.ReturnsAsync(
            async () => (await GetAsync(tlsPort, "/", HttpVersion.Version20)).Certificate,
            served => served == second.Thumbprint,
            "new handshakes to present the replaced certificate");

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(KeyFile, stranger.ExportPkcs8PrivateKeyPem());
        await Eventually.ReturnsAsync(
            () => Task.FromResult(proxy.Process.Output.Contains("does not load", StringComparison.Ordinal)),
            logged => logged,
            "the proxy to report the key that does not match");

        Assert.Equal(second.Thumbprint, (await GetAsync(tlsPort, "/", HttpVersion.Version20)).Certificate);
    }

    [Theory]
    [InlineData(false, "Mesh:Proxy:TlsCertificateFile and Mesh:Proxy:TlsKeyFile go together")]
    [InlineData(true, "Mesh:Proxy:TlsCertificateFile '")]
    public async Task TlsFilesWithoutAUsablePair_ExitWithOneLineNamingTheSetting(bool mismatchedKey, string expected)
    {
        var arguments = new List<string> { $"--Mesh:Proxy:Urls=https://127.0.0.1:{FreePort.Next()}" };
        if (!mismatchedKey)
        {
            using var certificate = WriteCertificate("api.mesh.test");
            arguments.Add($"--Mesh:Proxy:TlsCertificateFile={CertificateFile}");
        }
        else
        {
            using var certificate = WriteCertificate("api.mesh.test");
            using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(KeyFile, stranger.ExportPkcs8PrivateKeyPem());
            arguments.AddRange([$"--Mesh:Proxy:TlsCertificateFile={CertificateFile}", $"--Mesh:Proxy:TlsKeyFile={KeyFile}"]);
        }

        await using var proxy = ProxyProcess.Start(edge.Silo.GatewayPort, extraArguments: arguments);

        Assert.Equal(1, await proxy.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(proxy.Process.Output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<ProxyProcess> StartAsync(int tlsPort)
    {
        var port = FreePort.Next();
        return ProxyProcess.Start(edge.Silo.GatewayPort, port: port, extraArguments: [
            $"--Mesh:Proxy:Urls=http://127.0.0.1:{port};https://127.0.0.1:{tlsPort}",
            $"--Mesh:Proxy:TlsCertificateFile={CertificateFile}",
            $"--Mesh:Proxy:TlsKeyFile={KeyFile}"]).ReadyAsync();
    }

    /// <summary>A new self-signed certificate for <paramref name="host"/>, written as the edge's PEM files.</summary>
    private SelfSignedCertificate WriteCertificate(string host)
    {
        var certificate = SelfSignedCertificate.For(host);

        // The key first: the proxy may read between the two writes, and a new key with the old certificate does not load.
        File.WriteAllText(KeyFile, certificate.KeyPem);
        File.WriteAllText(CertificateFile, certificate.CertificatePem);
        return certificate;
    }

    /// <summary>One request on a new TLS connection to api.mesh.test (SNI) at loopback: the answer and the certificate presented.</summary>
    private static async Task<((HttpStatusCode Status, Version Version) Answer, string? Certificate)> GetAsync(int port, string path, Version version)
    {
        string? presented = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                // Self-signed, so the chain is untrusted; the name must match the SNI host all the same.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Thumbprint;
                    return errors == SslPolicyErrors.RemoteCertificateChainErrors;
                },
            },
        };
        using var client = new HttpClient(handler) { DefaultRequestVersion = version, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.GetAsync(new Uri($"https://api.mesh.test:{port}{path}"));
        return ((response.StatusCode, response.Version), presented);
    }
}
