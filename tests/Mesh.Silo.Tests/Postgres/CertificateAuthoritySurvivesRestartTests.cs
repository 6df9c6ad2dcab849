using System.Security.Cryptography.X509Certificates;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Postgres;

/// <summary>The mesh root is stored: certificates issued before every silo stopped still chain to the root after.</summary>
public sealed class CertificateAuthoritySurvivesRestartTests
{
    [Fact]
    public async Task AllSilosRestarted_ServeTheSameRoot_AndEarlierCertificatesStillChainToIt()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        string rootBefore;
        X509Certificate2 issued;
        int[] ports;
        await using (var first = SiloProcess.Start(database.ConnectionString))
        await using (var second = SiloProcess.Start(database.ConnectionString))
        {
            await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());
            ports = [first.SiloPort, first.GatewayPort, first.AdminPort];
            await first.Http.PutServiceAsync("ledger");
            rootBefore = await first.Http.GetStringAsync("/api/v1/ca/root");
            issued = await MeshCertificates.IssueAsync(second.Http, "ledger");
            first.Process.KillNow();
            second.Process.KillNow();
        }

        await using var restarted = SiloProcess.Start(database.ConnectionString, siloPort: ports[0], gatewayPort: ports[1], adminPort: ports[2]);
        await restarted.WaitUntilReadyAsync();
        var rootAfter = await restarted.Http.GetStringAsync("/api/v1/ca/root");

        Assert.Equal(rootBefore, rootAfter);
        using var root = X509Certificate2.CreateFromPem(rootAfter);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(issued), string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        issued.Dispose();
    }
}
