using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>Static stability for identities: certificates are kept beside the snapshot file, so mTLS outlives the control plane.</summary>
public sealed class MeshWithoutControlPlaneTests
{
    [Fact]
    public async Task EdgeAndSidecar_RestartedWhileTheSiloIsDown_StillServeMeshCallsWithTheirKeptCertificates()
    {
        var folder = Directory.CreateTempSubdirectory("mesh-identity-");
        try
        {
            await using var silo = SiloProcess.Start();
            await silo.WaitUntilReadyAsync();
            var service = Names.Unique("vault");
            await silo.Http.PutServiceAsync(service, """{ "healthCheck": { "path": "/healthz", "interval": "1s" } }""");
            await silo.Http.PutRouteAsync(service, $$"""{ "match": { "path": "/{{service}}/{**rest}" }, "backends": [ { "service": "{{service}}" } ], "transforms": [ { "pathRemovePrefix": "/{{service}}" } ] }""");
            await using var app = await TestBackend.StartAsync(service);
            var sidecarSnapshot = Path.Combine(folder.FullName, "sidecar.json");
            var edgeSnapshot = Path.Combine(folder.FullName, "edge.json");
            var sidecarArguments = new[] { $"--Mesh:Proxy:SnapshotPath={sidecarSnapshot}" };
            (int, int, int) sidecarPorts;
            (int Port, int Admin) edgePorts;
            await using (var sidecar = ProxyProcess.StartSidecar(silo.GatewayPort, service, app.Address, id: service + "-1", extraArguments: sidecarArguments))
            await using (var edge = ProxyProcess.Start(silo.GatewayPort, id: "edge", snapshotPath: edgeSnapshot))
            {
                sidecarPorts = (sidecar.Port, sidecar.InboundPort!.Value, sidecar.AdminPort);
                edgePorts = (edge.Port, edge.AdminPort);
                await Task.WhenAll(sidecar.WaitUntilReadyAsync(), edge.WaitUntilReadyAsync());
                await Eventually.ReturnsAsync(async () => (await edge.Http.GetAsync($"/{service}/before")).StatusCode, s => s == HttpStatusCode.OK, "the edge to reach the sidecar");
                await Eventually.HoldsAsync(
                    () => Task.FromResult(File.Exists(sidecarSnapshot + ".identity.pem") && File.Exists(edgeSnapshot + ".identity.pem")),
                    "both proxies to keep their certificates");

                silo.Process.KillNow();
                sidecar.Process.KillNow();
                edge.Process.KillNow();
            }

            await using var sidecarAgain = ProxyProcess.StartSidecar(silo.GatewayPort, service, app.Address, id: service + "-1", extraArguments: sidecarArguments, ports: sidecarPorts);
            await using var edgeAgain = ProxyProcess.Start(silo.GatewayPort, id: "edge", snapshotPath: edgeSnapshot, port: edgePorts.Port, adminPort: edgePorts.Admin);
            await Task.WhenAll(sidecarAgain.WaitUntilReadyAsync(), edgeAgain.WaitUntilReadyAsync());
            using var response = await edgeAgain.Http.GetAsync($"/{service}/after");

            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal("/after", (string?)body["path"]);
            Assert.Contains("spiffe://mesh.local/service/edge", body["headers"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.True(silo.Process.HasExited);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sidecarSnapshot + ".identity.pem"));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
