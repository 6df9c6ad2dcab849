using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Forwarding;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>Request bodies stream through a sidecar's outbound listener, the mTLS hop and the receiving sidecar's inbound listener.</summary>
[Collection(MeshCollection.Name)]
public sealed class MeshStreamingUploadTests(MeshFixture mesh)
{
    [Fact]
    public async Task ChunkedUploadOf200MB_ThroughBothSidecars_ReachesTheAppWhole_WithEachSidecarGrowingByLessThan50MB()
    {
        var service = Names.Unique("sink");
        await mesh.Admin.PutServiceAsync(service, """{ "retry": { "attempts": 0 }, "healthCheck": { "interval": "1s" } }""");
        await using var app = await TestBackend.StartAsync(service);
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, service, app.Address, id: service + "-1");
        await sidecar.WaitUntilReadyAsync();
        using var client = new HttpClient { BaseAddress = mesh.OrdersSidecar.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        await Eventually.HoldsAsync(
            async () => (await client.PostAsync($"/{service}/warm-up", new GeneratedUpload(1024 * 1024))).StatusCode == HttpStatusCode.OK,
            $"orders' sidecar to reach {service} through its sidecar");

        HttpStatusCode status;
        IReadOnlyList<long> growth;
        await using (var memory = PeakMemory.Watch(mesh.OrdersSidecar.Process, sidecar.Process))
        {
            using var response = await client.PostAsync($"/{service}/upload", new GeneratedUpload(StreamingUploadTests.UploadBytes));
            status = response.StatusCode;
            growth = await memory.StopAsync();
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(StreamingUploadTests.UploadBytes, app.Requests.Single(r => r.Path == "/upload").BodyLength);
        Assert.True(growth[0] < StreamingUploadTests.MaxGrowthBytes, $"the sending sidecar (outbound) grew by {growth[0] / (1024 * 1024)} MB while it streamed 200 MB");
        Assert.True(growth[1] < StreamingUploadTests.MaxGrowthBytes, $"the receiving sidecar (inbound) grew by {growth[1] / (1024 * 1024)} MB while it streamed 200 MB");
    }
}
