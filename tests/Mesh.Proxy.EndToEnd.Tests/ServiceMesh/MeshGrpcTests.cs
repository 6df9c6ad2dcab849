using System.Net;
using Grpc.Core;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Proxy.EndToEnd.Tests.Protocols;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>
/// gRPC through the mesh: edge → sidecar (mutual TLS, HTTP/2) → a real gRPC app over h2c, with the caller's identity
/// and the service's policy checked on every call by its <c>/package.Service/Method</c> path.
/// </summary>
[Collection(MeshCollection.Name)]
public sealed class MeshGrpcTests(MeshFixture mesh)
{
    [Fact]
    public async Task EveryKindOfGrpcCall_GoesEdgeToSidecarToApp_AndAMethodThePolicyDoesNotList_IsPermissionDenied()
    {
        var name = Names.Unique("echo");
        var host = $"{name}.grpc.test";
        await using var app = await GrpcBackend.StartAsync();
        await mesh.Admin.PutServiceAsync(name, """{ "protocol": "grpc", "healthCheck": { "protocol": "grpc", "interval": "1s" }, "retry": { "attempts": 0 } }""");
        var methods = string.Join(", ", new[] { "Say", "Repeat", "Collect", "Chat" }.Select(m => $"\"/{GrpcEcho.ServiceName}/{m}\""));
        using (var policy = await mesh.Admin.PutJsonAsync($"/api/v1/authz/{name}", $$"""{ "allow": [ { "from": ["edge"], "paths": [{{methods}}] } ] }"""))
        {
            Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        }

        await mesh.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{GrpcEcho.ServiceName}}/{**method}", "hosts": ["{{host}}"] }, "backends": [ { "service": "{{name}}" } ] }""");
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, name, app.Address);
        await sidecar.WaitUntilReadyAsync();
        using var clients = new GrpcClients(mesh.Edge.Port, host);
        await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return await clients.SayAsync("ready?");
                }
                catch (RpcException)
                {
                    return null;
                }
            },
            said => said == "echo: ready?",
            "a unary call through edge and sidecar to answer");

        var repeated = await clients.RepeatAsync("tick", 3);
        var collected = await clients.CollectAsync("a", "b");
        var (ready, answers) = await clients.ChatAsync("one", "two");
        var denied = await Assert.ThrowsAsync<RpcException>(() => clients.CallAsync("Shutdown", "now"));

        Assert.Equal(["tick 1", "tick 2", "tick 3"], repeated);
        Assert.Equal("a,b", collected);
        Assert.Equal("ready", ready);
        Assert.Equal(["echo: one", "echo: two"], answers);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("Forbidden by policy", denied.Status.Detail, StringComparison.Ordinal);
    }
}
