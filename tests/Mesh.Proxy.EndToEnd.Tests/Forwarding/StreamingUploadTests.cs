using System.Net;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Forwarding;

/// <summary>Request bodies stream through the edge with no size limit unless a route sets one, and are never held whole.</summary>
[Collection(EdgeCollection.Name)]
public sealed class StreamingUploadTests(EdgeFixture edge)
{
    public const long UploadBytes = 200L * 1024 * 1024;
    public const long MaxGrowthBytes = 50L * 1024 * 1024;

    [Fact]
    public async Task ChunkedUploadOf200MB_OnARouteWithNoLimit_ReachesTheUpstreamWhole_WithTheEdgeGrowingByLessThan50MB()
    {
        await using var backend = await TestBackend.StartAsync("sink");
        var name = Names.Unique("upload");
        await edge.PutServiceAsync(name, """{ "retry": { "attempts": 0 } }""", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        using var client = new HttpClient { BaseAddress = edge.Proxy.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        using var warmUp = await client.PostAsync($"/{name}/warm-up", new GeneratedUpload(1024 * 1024));

        HttpStatusCode status;
        IReadOnlyList<long> growth;
        await using (var memory = PeakMemory.Watch(edge.Proxy.Process))
        {
            using var response = await client.PostAsync($"/{name}/upload", new GeneratedUpload(UploadBytes));
            status = response.StatusCode;
            growth = await memory.StopAsync();
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(UploadBytes, backend.Requests.Single(r => r.Path == $"/{name}/upload").BodyLength);
        Assert.True(growth[0] < MaxGrowthBytes, $"the edge's resident memory grew by {growth[0] / (1024 * 1024)} MB while it streamed 200 MB");
    }
}
