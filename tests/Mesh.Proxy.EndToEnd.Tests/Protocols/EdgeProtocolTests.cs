using System.Net;
using Grpc.Core;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Protocols;

/// <summary>
/// The edge's cleartext port speaks HTTP/1.1 and prior-knowledge h2c alike, and a service with
/// <c>protocol: grpc</c> takes every kind of gRPC call through it; the proxy's own refusals are gRPC errors.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeProtocolTests(EdgeFixture edge)
{
    // Probed over gRPC's health protocol, but tolerant of a loaded box: one probe slower than 500 ms once marked the
    // only endpoint unhealthy in the middle of a test (CI), which no test here is about.
    private const string GrpcService = """{ "protocol": "grpc", "healthCheck": { "protocol": "grpc", "interval": "2s", "timeout": "2s", "unhealthyThreshold": 3 }, "retry": { "attempts": 0 } }""";

    [Fact]
    public async Task OneCleartextPort_AnswersHttp11AndPriorKnowledgeH2c_AndTheBackendSeesSchemeHttp()
    {
        await using var backend = await TestBackend.StartAsync("h2c-in");
        var name = Names.Unique("h2c");
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        using var h2c = new HttpClient(new SocketsHttpHandler())
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var overHttp11 = await edge.Proxy.Http.GetAsync($"/{name}/one");
        using var overH2c = await h2c.GetAsync(new Uri($"http://127.0.0.1:{edge.Proxy.Port}/{name}/two"));
        using var short11 = await edge.Proxy.Http.GetAsync("/");

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), (overHttp11.StatusCode, overHttp11.Version));
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (overH2c.StatusCode, overH2c.Version));
        Assert.Equal(HttpStatusCode.NotFound, short11.StatusCode);
        var seen = backend.Requests.Single(r => r.Path == $"/{name}/two");
        Assert.Equal("http", seen.Header("x-forwarded-proto"));
    }

    [Fact]
    public async Task GrpcService_TakesUnaryServerStreamingClientStreamingAndBidiCallsThroughTheEdge()
    {
        await using var server = await GrpcBackend.StartAsync();
        var name = await RouteToGrpcAsync("grpc-edge", server);
        using var clients = new GrpcClients(edge.Proxy.Port, Host(name));

        var said = await clients.SayAsync("hello");
        var repeated = await clients.RepeatAsync("tick", 3);
        var collected = await clients.CollectAsync("a", "b", "c");
        var (ready, answers) = await clients.ChatAsync("one", "two");

        Assert.Equal("echo: hello", said);
        Assert.Equal(["tick 1", "tick 2", "tick 3"], repeated);
        Assert.Equal("a,b,c", collected);
        Assert.Equal("ready", ready);
        Assert.Equal(["echo: one", "echo: two"], answers);
    }

    [Fact]
    public async Task StoppedGrpcBackend_IsGrpcStatusUnavailableFromTheProxy_NotAProblemDocument()
    {
        var server = await GrpcBackend.StartAsync();
        var name = await RouteToGrpcAsync("grpc-down", server);
        using var clients = new GrpcClients(edge.Proxy.Port, Host(name));
        Assert.Equal("echo: up", await clients.SayAsync("up"));

        await server.DisposeAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => clients.SayAsync("down"));

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Matches("Upstream failed|No available endpoint", refused.Status.Detail);

        // The answer is HTTP 200, as gRPC requires; the metrics count the status the proxy meant.
        await Eventually.HoldsAsync(
            async () => (await edge.Proxy.MetricsAsync()).Split('\n').Any(l => l.StartsWith("mesh_proxy_requests_total{", StringComparison.Ordinal)
                && l.Contains($"route=\"{name}\"", StringComparison.Ordinal) && (l.Contains("status_code=\"502\"", StringComparison.Ordinal) || l.Contains("status_code=\"503\"", StringComparison.Ordinal))),
            "mesh_proxy_requests_total to count the refused call as a 502 or 503");
    }

    [Fact]
    public async Task GrpcTimeoutShorterThanTheServices_EndsTheAttemptAtTheProxy_AsDeadlineExceeded_WithoutCountingAgainstTheService()
    {
        await using var server = await GrpcBackend.StartAsync();
        var name = await RouteToGrpcAsync("grpc-deadline", server);
        using var h2c = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        // One length-prefixed gRPC message, sent without a client that enforces the deadline itself.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{edge.Proxy.Port}/{GrpcEcho.ServiceName}/Slow")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 2, (byte)'h', (byte)'i']),
        };
        request.Headers.Host = Host(name);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Add("grpc-timeout", "300m");
        request.Headers.Add("delay-ms", "10000");
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await h2c.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", ProxyAssert.Header(response, "grpc-status"));
        Assert.Contains("Deadline exceeded", ProxyAssert.Header(response, "grpc-message"), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}, not at the 300 ms deadline");
        var metrics = (await edge.Proxy.MetricsAsync()).Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("mesh_proxy_client_faults_total{", StringComparison.Ordinal) && Labels(l, "client_deadline", name));
        Assert.DoesNotContain(metrics, l => l.StartsWith("mesh_proxy_upstream_errors_total{", StringComparison.Ordinal) && Labels(l, "timeout", name));
    }

    [Fact]
    public async Task GrpcCallToNoRoute_IsUnimplemented()
    {
        using var clients = new GrpcClients(edge.Proxy.Port, Host(Names.Unique("nobody")));

        var refused = await Assert.ThrowsAsync<RpcException>(() => clients.SayAsync("anyone?"));

        Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
        Assert.Contains("No route matches", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcRouteWithApiKeys_RefusesAMissingKeyAsUnauthenticated_AndAConsumerItDoesNotAllowAsPermissionDenied()
    {
        await using var server = await GrpcBackend.StartAsync();
        var allowed = Names.Unique("grpc-caller");
        var other = Names.Unique("grpc-other");
        await edge.Admin.PutConsumerAsync(allowed);
        await edge.Admin.PutConsumerAsync(other);
        var (_, allowedKey, _) = await edge.Admin.CreateApiKeyAsync(allowed);
        var (_, otherKey, _) = await edge.Admin.CreateApiKeyAsync(other);
        var name = await RouteToGrpcAsync("grpc-auth", server, $$""", "auth": "apiKey", "allow": { "consumers": ["{{allowed}}"] }""");
        using var clients = new GrpcClients(edge.Proxy.Port, Host(name));

        var unauthenticated = await Assert.ThrowsAsync<RpcException>(() => clients.SayAsync("who am I?"));
        var denied = await Assert.ThrowsAsync<RpcException>(() => clients.SayAsync("let me in", new Metadata { { "x-api-key", otherKey } }));
        var answer = await clients.SayAsync("hello", new Metadata { { "x-api-key", allowedKey } });

        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("echo: hello", answer);
    }

    private static string Host(string name) => $"{name}.grpc.test";

    private static bool Labels(string line, string kind, string route) =>
        line.Contains($"kind=\"{kind}\"", StringComparison.Ordinal) && line.Contains($"route=\"{route}\"", StringComparison.Ordinal);

    private async Task<string> RouteToGrpcAsync(string prefix, GrpcBackend server, string access = "")
    {
        var name = Names.Unique(prefix);
        await edge.Admin.PutServiceAsync(name, GrpcService);
        await edge.Admin.PutEndpointAsync(name, "grpc-1", server.Address);
        await edge.Admin.WaitForEndpointHealthAsync(name, "grpc-1", "healthy");
        // Each test owns its route: the gRPC paths of the echo service, only for requests naming this test's host.
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{GrpcEcho.ServiceName}}/{**method}", "hosts": ["{{Host(name)}}"] }, "backends": [ { "service": "{{name}}" } ]{{access}} }""");
        await edge.SyncAsync(await edge.Admin.CatalogVersionAsync());
        return name;
    }
}
