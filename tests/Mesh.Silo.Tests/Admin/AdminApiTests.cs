using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>The admin API contract (admin-api.md) over real HTTP against a running silo process.</summary>
public sealed class AdminApiTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task PutService_ThenGet_RoundTripsTheSpecWithItsVersion()
    {
        var put = await Http.PutJsonAsync("/api/v1/services/round-trip", """
            { "loadBalancing": "leastRequests", "timeout": "1500ms", "retry": { "attempts": 3, "on": [503] },
              "healthCheck": { "path": "/health", "interval": "10s" } }
            """);
        var stored = await put.ReadJsonAsync();
        var get = await Http.GetAsync("/api/v1/services/round-trip");
        var read = await get.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("leastRequests", (string?)stored["loadBalancing"]);
        Assert.Equal("1500ms", (string?)stored["timeout"]);
        Assert.Equal(3, (int?)stored["retry"]!["attempts"]);
        Assert.Equal(20, (int?)stored["retry"]!["budgetPercent"]);
        Assert.Equal(put.ConfigVersion(), (long?)stored["version"]);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("/health", (string?)read["healthCheck"]!["path"]);
        Assert.Equal("10s", (string?)read["healthCheck"]!["interval"]);
        Assert.Equal("leastRequests", (string?)read["loadBalancing"]);
    }

    [Fact]
    public async Task Put_WithSeveralBadFields_Answers400NamingEachAndStoresNothing()
    {
        var before = (await Http.GetAsync("/api/v1/config")).ConfigVersion();

        var response = await Http.PutJsonAsync("/api/v1/services/Bad_Name", """
            { "loadBalancing": "fastest", "timeout": "soon", "retry": { "on": [200, 503] },
              "circuitBreaker": { "failureRatio": 2 } }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["circuitBreaker.failureRatio", "loadBalancing", "name", "retry.on[0]", "timeout"], await response.ProblemFieldsAsync());
        Assert.Equal(before, response.ConfigVersion());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/services/Bad_Name")).StatusCode);
    }

    [Fact]
    public async Task PutRoute_NamingAnUnknownService_Answers400AndStoresNothing()
    {
        await Http.PutJsonAsync("/api/v1/services/known", "{}");

        var response = await Http.PutJsonAsync("/api/v1/routes/dangling", """
            { "match": { "path": "/x" }, "backends": [ { "service": "known", "weight": 50 }, { "service": "unknown", "weight": 50 } ] }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["backends[1].service"], await response.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/routes/dangling")).StatusCode);
    }

    [Fact]
    public async Task Put_WithAnUnknownField_Answers400NamingIt()
    {
        var response = await Http.PutJsonAsync("/api/v1/services/unknown-field", """{ "timeout": "1s", "retry": { "attempts": 1, "tries": 3 } }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["retry.tries"], await response.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/services/unknown-field")).StatusCode);
    }

    [Theory]
    [InlineData("{ \"timeout\": ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Put_WithMalformedJson_Answers400NotAServerError(string body)
    {
        var response = await Http.PutJsonAsync("/api/v1/services/malformed", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Put_WithAValueOfTheWrongType_Answers400NamingTheField()
    {
        await Http.PutJsonAsync("/api/v1/services/typed", "{}");

        var response = await Http.PutJsonAsync("/api/v1/services/typed/endpoints/e1", """{ "address": "http://127.0.0.1:7001", "weight": "heavy" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["weight"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Put_WithABodyOver1MiB_Answers413()
    {
        var padding = new string('x', (1024 * 1024) + 16);
        var json = $$"""{ "timeout": "1s", "padding": "{{padding}}" }""";

        // As curl does for large bodies, ask before sending, so the refusal is not raced by the upload.
        using var sizedRequest = new HttpRequestMessage(HttpMethod.Put, "/api/v1/services/too-large") { Content = HttpJson.Json(json) };
        sizedRequest.Headers.ExpectContinue = true;
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Put, "/api/v1/services/too-large")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))) { Headers = { ContentType = new("application/json") } },
        };
        chunkedRequest.Headers.ExpectContinue = true;

        var sized = await Http.SendAsync(sizedRequest);
        var chunked = await Http.SendAsync(chunkedRequest);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/services/too-large")).StatusCode);
    }

    [Fact]
    public async Task Put_WithANonJsonContentType_Answers415()
    {
        var response = await Http.PutAsync("/api/v1/services/plain", HttpJson.Json("{}", "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/services/nowhere")]
    [InlineData("/api/v1/routes/nowhere")]
    [InlineData("/api/v1/ratelimits/nowhere")]
    [InlineData("/api/v1/services/nowhere/endpoints/e1")]
    [InlineData("/api/v1/services/nowhere/endpoints")]
    public async Task Get_OfAMissingResource_Answers404ProblemDetails(string path)
    {
        var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.ConfigVersion() > 0);
    }

    [Fact]
    public async Task Delete_Answers204ThenTheResourceIsGone()
    {
        await Http.PutJsonAsync("/api/v1/ratelimits/short-lived", """{ "permitsPerSecond": 5 }""");

        var deleted = await Http.DeleteAsync("/api/v1/ratelimits/short-lived");
        var again = await Http.DeleteAsync("/api/v1/ratelimits/short-lived");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/ratelimits/short-lived")).StatusCode);
    }

    [Fact]
    public async Task DeleteService_UsedByRoutes_Answers409NamingThem()
    {
        await Http.PutJsonAsync("/api/v1/services/shared", "{}");
        await Http.PutJsonAsync("/api/v1/routes/shared-route", """{ "match": { "path": "/shared" }, "backends": [ { "service": "shared" } ] }""");

        var response = await Http.DeleteAsync("/api/v1/services/shared");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("shared-route", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/v1/services/shared")).StatusCode);
    }

    [Fact]
    public async Task RateLimitPolicy_RoundTripsWithDefaults()
    {
        var put = await Http.PutJsonAsync("/api/v1/ratelimits/per-client", """{ "permitsPerSecond": 50, "partitionBy": "header:x-api-key", "failMode": "closed" }""");
        var read = await (await Http.GetAsync("/api/v1/ratelimits/per-client")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(50, (int?)read["burst"]);
        Assert.Equal("header:x-api-key", (string?)read["partitionBy"]);
        Assert.Equal("closed", (string?)read["failMode"]);
    }

    [Fact]
    public async Task Endpoint_RegisterHeartbeatAndDrain_ShowInTheService()
    {
        await Http.PutJsonAsync("/api/v1/services/beats", "{}");

        var put = await Http.PutJsonAsync("/api/v1/services/beats/endpoints/e1", """{ "address": "http://127.0.0.1:7001", "ttl": "30s", "zone": "z1", "metadata": { "version": "2" } }""");
        var beat = await Http.PostAsync("/api/v1/services/beats/endpoints/e1/heartbeat", null);
        var drained = await Http.PostAsync("/api/v1/services/beats/endpoints/e1/drain", null);
        var service = await (await Http.GetAsync("/api/v1/services/beats")).ReadJsonAsync();
        var unknownBeat = await Http.PostAsync("/api/v1/services/beats/endpoints/e2/heartbeat", null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        Assert.NotNull((await beat.ReadJsonAsync())["lastHeartbeat"]);
        Assert.Equal("draining", (string?)(await drained.ReadJsonAsync())["health"]);
        var endpoint = service["endpoints"]!.AsArray().Single()!;
        Assert.Equal("e1", (string?)endpoint["id"]);
        Assert.Equal("draining", (string?)endpoint["health"]);
        Assert.Equal("z1", (string?)endpoint["zone"]);
        Assert.Equal("2", (string?)endpoint["metadata"]!["version"]);
        Assert.Equal(HttpStatusCode.NotFound, unknownBeat.StatusCode);
    }

    [Fact]
    public async Task ListServices_ShowsEachServiceAsItsOwnReadDoes_WithLiveEndpointFieldsAndTheCircuit()
    {
        // No health checks: a probe landing between the two reads would change the live state one of them shows.
        await Http.PutJsonAsync("/api/v1/services/listed", """{ "healthCheck": { "enabled": false } }""");
        await Http.PutJsonAsync("/api/v1/services/listed/endpoints/e1", """{ "address": "http://127.0.0.1:7001", "ttl": "30s" }""");
        await Http.PostAsync("/api/v1/services/listed/endpoints/e1/heartbeat", null);

        var list = (await (await Http.GetAsync("/api/v1/services")).ReadJsonAsync()).AsArray();
        var single = await (await Http.GetAsync("/api/v1/services/listed")).ReadJsonAsync();

        var listed = list.Single(service => (string?)service!["name"] == "listed")!;
        Assert.Equal("closed", (string?)listed["circuit"]!["state"]);
        Assert.NotNull(listed["endpoints"]!.AsArray().Single()!["lastHeartbeat"]);
        Assert.True(JsonNode.DeepEquals(single, listed), $"list: {listed.ToJsonString()}\nsingle: {single.ToJsonString()}");
    }

    [Fact]
    public async Task PutEndpoint_OfAMissingService_Answers404()
    {
        var response = await Http.PutJsonAsync("/api/v1/services/ghost/endpoints/e1", """{ "address": "http://127.0.0.1:7001" }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Config_ReturnsTheWholeCatalogAtItsVersion()
    {
        await Http.PutJsonAsync("/api/v1/services/whole", "{}");
        await Http.PutJsonAsync("/api/v1/routes/whole-route", """{ "match": { "hosts": ["whole.example.com"] }, "backends": [ { "service": "whole" } ] }""");

        var response = await Http.GetAsync("/api/v1/config");
        var config = await response.ReadJsonAsync();

        Assert.Equal(response.ConfigVersion(), (long?)config["version"]);
        Assert.NotNull(config["services"]!["whole"]);
        Assert.Equal("whole", (string?)config["routes"]!["whole-route"]!["backends"]![0]!["service"]);
    }

    [Fact]
    public async Task Proxies_IsAnEmptyListBeforeAnyProxyConnects()
    {
        var response = await Http.GetAsync("/api/v1/proxies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadJsonAsync()).AsArray());
        Assert.True(response.ConfigVersion() > 0);
    }

    [Fact]
    public async Task ConfigVersion_GrowsWithEachWriteAndIsOnEveryResponse()
    {
        var first = await Http.PutJsonAsync("/api/v1/services/versioned", "{}");
        var second = await Http.PutJsonAsync("/api/v1/services/versioned", """{ "timeout": "2s" }""");
        var read = await Http.GetAsync("/api/v1/services/versioned");
        var refused = await Http.PutJsonAsync("/api/v1/services/versioned", """{ "timeout": "-" }""");

        Assert.True(second.ConfigVersion() > first.ConfigVersion());
        Assert.True(read.ConfigVersion() >= second.ConfigVersion());
        Assert.Equal(read.ConfigVersion(), refused.ConfigVersion());
    }

    [Fact]
    public async Task Operations_ServeOpenApiApiPageDashboardMetricsAndHealth()
    {
        var openApi = await Http.GetStringAsync("/openapi/v1.json");
        var apiPage = await Http.GetAsync("/api-docs");
        var dashboard = await Http.GetAsync("/dashboard/");
        var metrics = await Http.GetStringAsync("/metrics");
        var health = await Http.GetAsync("/healthz");

        Assert.Contains("/api/v1/routes/{id}", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/services/{service}/endpoints/{id}/heartbeat", openApi, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, apiPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
