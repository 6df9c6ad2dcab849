using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>Long-lived traffic through the edge: WebSocket messages both ways, server-sent events as they are sent.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeStreamingTests(EdgeFixture edge)
{
    [Fact]
    public async Task WebSocket_EchoesThroughTheEdge()
    {
        await using var app = await StreamingBackend.StartAsync();
        var name = await RouteToAsync("ws-edge", app);

        var answers = await StreamingClients.EchoAsync(new Uri($"ws://127.0.0.1:{edge.Proxy.Port}/{name}/ws"), null, "one", "two");

        Assert.Equal(["echo: one", "echo: two"], answers);
    }

    [Fact]
    public async Task ServerSentEvents_ReachTheClientAsTheyAreSent_NotWhenTheStreamEnds()
    {
        await using var app = await StreamingBackend.StartAsync();
        var name = await RouteToAsync("sse-edge", app);

        var (events, ended) = await StreamingClients.ReadEventsAsync(edge.Proxy.Http, $"/{name}/events?count=3");

        Assert.Equal(["event 1", "event 2", "event 3"], events.Select(e => e.Data));
        // The server waits two intervals between the first event and the end: a buffering proxy would deliver all at the end.
        Assert.True(ended - events[0].At >= StreamingBackend.EventInterval, $"first event at {events[0].At}, stream ended at {ended}");
    }

    private async Task<string> RouteToAsync(string prefix, StreamingBackend app)
    {
        var name = Names.Unique(prefix);
        await edge.Admin.PutServiceAsync(name, """{ "retry": { "attempts": 0 } }""");
        await edge.Admin.PutEndpointAsync(name, "app-1", app.Address);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "transforms": [ { "pathRemovePrefix": "/{{name}}" } ] }""");
        return name;
    }
}
