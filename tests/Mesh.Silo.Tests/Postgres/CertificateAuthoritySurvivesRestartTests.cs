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
        (int Silo, int Gateway, int Admin)[] ports;
        await using (var first = SiloProcess.Start(database.ConnectionString))
        await using (var second = SiloProcess.Start(database.ConnectionString))
        {
            await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());
            ports = [(first.SiloPort, first.GatewayPort, first.AdminPort), (second.SiloPort, second.GatewayPort, second.AdminPort)];
            await first.Http.PutServiceAsync("ledger");
            rootBefore = await first.Http.GetStringAsync("/api/v1/ca/root");
            issued = await MeshCertificates.IssueAsync(second.Http, "ledger");
            first.Process.KillNow();
            second.Process.KillNow();
        }

        // Both again, on their old ports, as an orchestrator restarts a whole cluster.
        await using var firstAgain = SiloProcess.Start(database.ConnectionString, siloPort: ports[0].Silo, gatewayPort: ports[0].Gateway, adminPort: ports[0].Admin);
        await using var secondAgain = SiloProcess.Start(database.ConnectionString, siloPort: ports[1].Silo, gatewayPort: ports[1].Gateway, adminPort: ports[1].Admin);
        await Task.WhenAll(firstAgain.WaitUntilReadyAsync(), secondAgain.WaitUntilReadyAsync());
        var rootAfter = await secondAgain.Http.GetStringAsync("/api/v1/ca/root");

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
