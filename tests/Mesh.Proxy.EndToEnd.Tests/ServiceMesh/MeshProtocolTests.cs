using System.Net;
using Grpc.Core;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Proxy.EndToEnd.Tests.Protocols;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>
/// Protocols through the mesh: gRPC edge → sidecar (mutual TLS, HTTP/2) → a real gRPC app over h2c, with the caller's
/// identity and the service's policy checked on every call by its <c>/package.Service/Method</c> path; WebSockets and
/// server-sent events edge → sidecar → app.
/// </summary>
[Collection(MeshCollection.Name)]
public sealed class MeshProtocolTests(MeshFixture mesh)
{
    [Fact]
    public async Task WebSocketAndServerSentEvents_GoEdgeToSidecarToApp()
    {
        var name = Names.Unique("stream");
        await using var app = await StreamingBackend.StartAsync();
        await mesh.Admin.PutServiceAsync(name, """{ "healthCheck": { "interval": "1s" }, "retry": { "attempts": 0 } }""");
        using (var policy = await mesh.Admin.PutJsonAsync($"/api/v1/authz/{name}", """{ "allow": [ { "from": ["edge"] } ] }"""))
        {
            Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        }

        await mesh.Admin.PutRouteAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "transforms": [ { "pathRemovePrefix": "/{{name}}" } ] }""");
        await using var sidecar = ProxyProcess.StartSidecar(mesh.Silo.GatewayPort, name, app.Address);
        await sidecar.WaitUntilReadyAsync();
        await Eventually.ReturnsAsync(
            async () => (await mesh.Edge.Http.GetAsync($"/{name}/healthz")).StatusCode,
            status => status == HttpStatusCode.OK,
            "the edge to reach the app through its sidecar");

        var answers = await StreamingClients.EchoAsync(new Uri($"ws://127.0.0.1:{mesh.Edge.Port}/{name}/ws"), null, "one", "two");
        var (events, ended) = await StreamingClients.ReadEventsAsync(mesh.Edge.Http, $"/{name}/events?count=3");

        Assert.Equal(["echo: one", "echo: two"], answers);
        Assert.Equal(["event 1", "event 2", "event 3"], events.Select(e => e.Data));
        Assert.True(ended - events[0].At >= StreamingBackend.EventInterval, $"first event at {events[0].At}, stream ended at {ended}");
    }

    [Fact]
    public async Task EveryKindOfGrpcCall_GoesEdgeToSidecarToApp_AndAppToAppThroughBothSidecars_AndAMethodThePolicyDoesNotList_IsPermissionDenied()
    {
        var name = Names.Unique("echo");
        var host = $"{name}.grpc.test";
        await using var app = await GrpcBackend.StartAsync();
        await mesh.Admin.PutServiceAsync(name, """{ "protocol": "grpc", "healthCheck": { "protocol": "grpc", "interval": "1s" }, "retry": { "attempts": 0 } }""");
        var methods = string.Join(", ", new[] { "Say", "Repeat", "Collect", "Chat" }.Select(m => $"\"/{GrpcEcho.ServiceName}/{m}\""));
        using (var policy = await mesh.Admin.PutJsonAsync($"/api/v1/authz/{name}", $$"""{ "allow": [ { "from": ["edge", "orders"], "paths": [{{methods}}] } ] }"""))
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
        // An app calls the service by name through its own sidecar's outbound listener, over h2c.
        using var fromOrders = new GrpcClients(mesh.OrdersSidecar.Port, name);
        var viaOrders = await fromOrders.ChatAsync("from orders");

        Assert.Equal(["tick 1", "tick 2", "tick 3"], repeated);
        Assert.Equal("a,b", collected);
        Assert.Equal("ready", ready);
        Assert.Equal(["echo: one", "echo: two"], answers);
        Assert.Equal(["echo: from orders"], viaOrders.Answers);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("Forbidden by policy", denied.Status.Detail, StringComparison.Ordinal);
    }
}
