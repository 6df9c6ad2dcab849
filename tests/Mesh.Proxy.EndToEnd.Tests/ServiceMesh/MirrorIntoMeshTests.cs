using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

[Collection(MeshCollection.Name)]
public sealed class MirrorIntoMeshTests(MeshFixture mesh)
{
    [Fact]
    public async Task CopiesToAShadowBehindASidecar_GoOverMutualTlsWithTheEdgesIdentity()
    {
        var live = Names.Unique("live");
        var shadow = Names.Unique("shadow");
        await using var liveApp = await TestBackend.StartAsync(live);
        await using var shadowApp = await TestBackend.StartAsync(shadow);
        await mesh.Admin.PutServiceAsync(live);
        await mesh.Admin.PutEndpointAsync(live, liveApp);
        await mesh.Admin.PutServiceAsync(shadow, """{ "healthCheck": { "path": "/healthz", "interval": "1s" } }""");
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, shadow, shadowApp.Address, id: shadow + "-1");
        await sidecar.WaitUntilReadyAsync();
        await mesh.Admin.WaitForEndpointHealthAsync(shadow, shadow + "-1", "healthy");
        var version = await mesh.Admin.PutRouteAsync(live, $$"""
            { "match": { "path": "/{{live}}/{**rest}" }, "backends": [ { "service": "{{live}}" } ],
              "mirror": { "service": "{{shadow}}", "percent": 100 } }
            """);
        await mesh.Edge.WaitForVersionAsync(version);

        using var response = await mesh.Edge.Http.GetAsync($"/{live}/copied");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(shadowApp.Requests.Count > 0), "the copy to reach the shadow app through its sidecar");
        var copy = Assert.Single(shadowApp.Requests);
        Assert.Equal($"/{live}/copied", copy.Path);
        Assert.Equal("1", copy.Header("x-mesh-mirror"));
        Assert.Equal("spiffe://mesh.local/service/edge", copy.Header("x-mesh-caller"));
    }
}
