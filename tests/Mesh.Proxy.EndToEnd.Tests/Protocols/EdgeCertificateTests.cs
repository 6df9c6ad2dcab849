using System.Text.RegularExpressions;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;
using Xunit.Abstractions;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>
/// Edge TLS certificates from the catalog (<c>/api/v1/certificates</c>): an <c>https</c> listener with no certificate
/// files picks by SNI (exact host, then wildcard, then <c>default</c>), as curl sees it; a replaced certificate serves
/// new handshakes without a restart; the key lands beside the snapshot readable by the proxy's user only and nowhere
/// else the proxy shows. Each test deletes its certificates, so the edges other tests start see none of them.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed partial class EdgeCertificateTests(EdgeFixture edge, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesh-edge-certificates-").FullName;
    private readonly List<string> _names = [];

    [Fact]
    public async Task HttpsWithoutFiles_PicksTheCatalogCertificateBySni_ExactThenWildcardThenDefault_AsCurlSeesIt()
    {
        var zone = Names.Unique("z") + ".mesh.test";
        using var exact = SelfSignedCertificate.For($"api.{zone}");
        using var wildcard = SelfSignedCertificate.For($"*.apps.{zone}");
        using var fallback = SelfSignedCertificate.For($"fallback.{zone}");
        await PutAsync(Names.Unique("api"), exact);
        await PutAsync(Names.Unique("apps"), wildcard);
        var version = await PutAsync("default", fallback);
        var tlsPort = FreePort.Next();
        await using var proxy = await StartAsync(tlsPort);
        await proxy.WaitForVersionAsync(version);
        await Eventually.ReturnsAsync(() => TlsHandshake.PresentedAsync(tlsPort, $"api.{zone}"), t => t == exact.Thumbprint, "the edge to serve the catalog's certificates");

        var bundle = Path.Combine(_folder, "trusted.pem");
        await File.WriteAllTextAsync(bundle, exact.CertificatePem + wildcard.CertificatePem + fallback.CertificatePem);
        var byExactName = await CurlAsync(tlsPort, $"api.{zone}", bundle);
        var byWildcard = await CurlAsync(tlsPort, $"shop.apps.{zone}", bundle);
        var byDefault = await CurlAsync(tlsPort, $"unknown.{zone}", trust: null);

        Assert.Equal(($"CN=api.{zone}", "404"), byExactName);
        Assert.Equal(($"CN=*.apps.{zone}", "404"), byWildcard);
        Assert.Equal(($"CN=fallback.{zone}", "404"), byDefault);
        Assert.Equal(fallback.Thumbprint, await TlsHandshake.PresentedAsync(tlsPort, $"deeper.shop.apps.{zone}"));
    }

    [Fact]
    public async Task ACertificateReplacedThroughTheApi_ServesNewHandshakes_WithoutARestart()
    {
        var host = Names.Unique("rotate") + ".mesh.test";
        var name = Names.Unique("rotate");
        using var first = SelfSignedCertificate.For(host);
        using var second = SelfSignedCertificate.For(host);
        var tlsPort = FreePort.Next();
        await using var proxy = await StartAsync(tlsPort);
        await proxy.WaitForVersionAsync(await PutAsync(name, first));
        await Eventually.ReturnsAsync(() => TlsHandshake.PresentedAsync(tlsPort, host), t => t == first.Thumbprint, "the edge to serve the first certificate");

        await PutAsync(name, second);
        var replaced = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.ReturnsAsync(() => TlsHandshake.PresentedAsync(tlsPort, host), t => t == second.Thumbprint, "new handshakes to present the replacement");

        output.WriteLine($"replaced certificate served {replaced.ElapsedMilliseconds} ms after the PUT answered");
        await edge.Admin.DeleteCertificateAsync(name);
        _names.Remove(name);
        await Eventually.ReturnsAsync(() => TlsHandshake.PresentedAsync(tlsPort, host), t => t is null, "a deleted certificate to stop serving (no default, no files)");
        await Eventually.HoldsAsync(
            async () => PrometheusText.Samples(await proxy.MetricsAsync(), "mesh_proxy_tls_handshakes_refused_total").Sum() >= 1,
            "mesh_proxy_tls_handshakes_refused_total to count the handshake nothing served");
    }

    [Fact]
    public async Task TheKey_IsKeptBesideTheSnapshotForTheProxysUserOnly_AndNeverInTheSnapshotOrConfig()
    {
        var host = Names.Unique("kept") + ".mesh.test";
        using var certificate = SelfSignedCertificate.For(host);
        var tlsPort = FreePort.Next();
        var snapshotPath = Path.Combine(_folder, "snapshot.json");
        await using var proxy = await StartAsync(tlsPort, snapshotPath);
        await proxy.WaitForVersionAsync(await PutAsync(Names.Unique("kept"), certificate));
        await Eventually.ReturnsAsync(() => TlsHandshake.PresentedAsync(tlsPort, host), t => t == certificate.Thumbprint, "the edge to serve the certificate");

        var keys = snapshotPath + ".keys.json";
        Assert.True(File.Exists(keys), $"no key file at {keys}");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys));
        }

        Assert.Contains(certificate.Sha256, await File.ReadAllTextAsync(keys), StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            async () => File.Exists(snapshotPath) && (await File.ReadAllTextAsync(snapshotPath)).Contains(certificate.Sha256, StringComparison.Ordinal),
            "the snapshot file to hold the certificate");
        Assert.DoesNotContain("PRIVATE KEY", await File.ReadAllTextAsync(snapshotPath), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", (await proxy.ConfigAsync()).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", proxy.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", edge.Silo.Process.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        // Synchronously, as xunit disposes: the next test's edges must not see this one's certificates.
        foreach (var name in _names)
        {
            edge.Admin.DeleteCertificateAsync(name).GetAwaiter().GetResult();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<long> PutAsync(string name, SelfSignedCertificate certificate)
    {
        var version = await edge.Admin.PutCertificateAsync(name, certificate.Document());
        if (!_names.Contains(name))
        {
            _names.Add(name);
        }

        return version;
    }

    private Task<ProxyProcess> StartAsync(int tlsPort, string? snapshotPath = null)
    {
        var port = FreePort.Next();
        return ProxyProcess.Start(edge.Silo.GatewayPort, port: port, snapshotPath: snapshotPath, extraArguments: [$"--Mesh:Proxy:Urls=http://127.0.0.1:{port};https://127.0.0.1:{tlsPort}"]).ReadyAsync();
    }

    /// <summary>
    /// <c>curl -v</c> to <paramref name="host"/> resolved to loopback: the subject of the certificate it was shown and
    /// the status. With <paramref name="trust"/> it verifies the chain and the name against those certificates alone.
    /// </summary>
    private static async Task<(string? Subject, string Status)> CurlAsync(int port, string host, string? trust)
    {
        var verify = trust is null ? ["--insecure"] : new[] { "--cacert", trust };
        var curl = await Command.RunAsync("curl", [
            "-sS", "-v", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
            "--resolve", $"{host}:{port}:127.0.0.1", .. verify, $"https://{host}:{port}/nothing-here"]);
        Assert.True(curl.ExitCode == 0, $"curl to {host}: {curl}");
        var subject = Subject().Match(curl.Errors);
        return (subject.Success ? subject.Groups[1].Value.Trim() : null, curl.Output.Trim());
    }

    [GeneratedRegex(@"subject: (.+)")]
    private static partial Regex Subject();
}
