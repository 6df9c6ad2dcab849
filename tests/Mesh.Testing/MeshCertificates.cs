using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesh.Testing;

/// <summary>Certificates a test presents to a sidecar: issued by the mesh through the admin API, or made by a stranger.</summary>
public static class MeshCertificates
{
    /// <summary>A leaf for <paramref name="service"/> from <c>POST /api/v1/identities/{service}/certificates</c>, with its private key.</summary>
    public static async Task<X509Certificate2> IssueAsync(HttpClient admin, string service)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest($"CN={service}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var response = await admin.PostAsync($"/api/v1/identities/{service}/certificates", new StringContent(csr, Encoding.ASCII, "application/pkcs10"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"issuing a certificate for {service}: {(int)response.StatusCode} {body}");
        using var leaf = X509Certificate2.CreateFromPem((string)JsonNode.Parse(body)!["certificate"]!);
        return leaf.CopyWithPrivateKey(key);
    }

    /// <summary>A leaf with the mesh's SPIFFE id for <paramref name="service"/>, signed by a CA the mesh has never seen.</summary>
    public static X509Certificate2 FromAnotherAuthority(string service, string trustDomain = "mesh.local")
    {
        using var stranger = new TestCertificateAuthority("Not the mesh");
        return stranger.Issue($"spiffe://{trustDomain}/service/{service}");
    }

    /// <summary>The mesh root, from <c>GET /api/v1/ca/root</c>.</summary>
    public static async Task<X509Certificate2> RootAsync(HttpClient admin) => X509Certificate2.CreateFromPem(await admin.GetStringAsync("/api/v1/ca/root"));

    /// <summary>
    /// An HTTPS client that presents <paramref name="certificate"/> (or nothing) and accepts a server whose
    /// certificate chains to <paramref name="meshRoot"/>. One connection at a time, so a test knows which one it reuses.
    /// </summary>
    public static HttpClient Client(int port, X509Certificate2? certificate, X509Certificate2 meshRoot)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, server, _, _) => server is X509Certificate2 presented && ChainsTo(presented, meshRoot),
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
