using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Telemetry;

/// <summary>
/// <c>Mesh:Proxy:AccessLog</c> (configuration.md): one JSON line per request, written off the request path, with what
/// the edge knew of it: forwarded, answered from its cache, refused, or not routed at all.
/// </summary>
public sealed class AccessLogTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesh-access-log-").FullName;
    private readonly TestBackends _backends = new();
    private SiloProcess? _silo;
    private ProxyProcess? _edge;

    private string LogFile => Path.Combine(_folder, "access.log");

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start();
        await _silo.WaitUntilReadyAsync();
        _edge = ProxyProcess.Start(_silo.GatewayPort, id: Names.Unique("logged-edge"), extraArguments: [$"--Mesh:Proxy:AccessLog={LogFile}"]);
        await _edge.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _backends.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EveryRequest_IsOneJsonLine_WithItsRouteServiceEndpointStatusesBytesAndCacheOutcome()
    {
        var name = Names.Unique("logged");
        var backend = await _backends.StartAsync(name);
        await _silo!.Http.PutServiceAsync(name);
        await _silo.Http.PutEndpointAsync(name, backend);
        await _edge!.WaitForVersionAsync(await _silo.Http.PutRouteAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ], "cache": {} }
            """));

        using var posted = await _edge.Http.PostAsync($"/{name}/orders?secret=1", new StringContent("0123456789"));
        using var stored = await _edge.Http.SendAsync(ProxyRequest.Get($"/{name}/item", headers: ("x-respond-cache-control", "max-age=60")));
        using var hit = await _edge.Http.GetAsync($"/{name}/item");
        using var unrouted = await _edge.Http.GetAsync("/nowhere-" + name);
        var postedBody = await posted.Content.ReadAsByteArrayAsync();

        var lines = await Eventually.ReturnsAsync(
            () => Task.FromResult(ReadLines().Where(l => ((string?)l["path"])?.Contains(name, StringComparison.Ordinal) == true).ToList()),
            l => l.Count == 4,
            "four access log lines");
        var (post, miss, cached, none) = (lines[0], lines[1], lines[2], lines[3]);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("POST", (string?)post["method"]);
        Assert.Equal($"/{name}/orders", (string?)post["path"]);
        Assert.Equal(name, (string?)post["route"]);
        Assert.Equal(name, (string?)post["service"]);
        Assert.Equal(name, (string?)post["endpoint"]);
        Assert.Equal(200, (int?)post["status"]);
        Assert.Equal(200, (int?)post["upstreamStatus"]);
        Assert.Equal(10, (long?)post["bytesIn"]);
        Assert.Equal(postedBody.Length, (long?)post["bytesOut"]);
        Assert.Equal("bypass", (string?)post["cache"]);
        Assert.Equal(0, (int?)post["retries"]);
        Assert.Equal("127.0.0.1", (string?)post["client"]);
        Assert.Equal(_edge.Id, (string?)post["proxy"]);
        Assert.True((double?)post["durationMs"] >= (double?)post["upstreamDurationMs"], post.ToJsonString());
        Assert.Equal("miss", (string?)miss["cache"]);
        Assert.Equal("hit", (string?)cached["cache"]);
        Assert.Null((string?)cached["service"]);
        Assert.Null(cached["upstreamStatus"]);
        Assert.Equal(200, (int?)cached["status"]);
        Assert.Equal(HttpStatusCode.NotFound, unrouted.StatusCode);
        Assert.Equal("application/problem+json", unrouted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int?)none["status"]);
        Assert.Equal((await unrouted.Content.ReadAsByteArrayAsync()).Length, (long?)none["bytesOut"]);
        Assert.Null((string?)none["route"]);
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task ARequestRefusedByTheRateLimit_IsLoggedAsRefused_WithTheTraceIdItCameWith()
    {
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var name = Names.Unique("logged-limit");
        var backend = await _backends.StartAsync(name);
        await _silo!.Http.PutServiceAsync(name);
        await _silo.Http.PutEndpointAsync(name, backend);
        await _silo.Http.PutRateLimitAsync(name, """{ "permitsPerSecond": 1, "burst": 1, "partitionBy": "global" }""");
        await _edge!.WaitForVersionAsync(await _silo.Http.PutRouteAsync(name, $$"""
            { "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ], "rateLimit": "{{name}}" }
            """));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await _edge.Http.SendAsync(ProxyRequest.Get($"/{name}", headers: ("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01")));
            statuses.Add(response.StatusCode);
        }

        Assert.True(statuses.Contains(HttpStatusCode.TooManyRequests), _edge.Process.Output);
        var refused = await Eventually.ReturnsAsync(
            () => Task.FromResult(ReadLines().FirstOrDefault(l => (string?)l["path"] == $"/{name}" && (int?)l["status"] == 429)),
            l => l is not null,
            "the refusal's access log line");
        Assert.Equal("refused", (string?)refused!["rateLimit"]);
        Assert.Equal(TraceId, (string?)refused["traceId"]);
        Assert.Null(refused["upstreamStatus"]);
    }

    private IReadOnlyList<JsonNode> ReadLines() => AccessLogFile.Lines(LogFile);
}
