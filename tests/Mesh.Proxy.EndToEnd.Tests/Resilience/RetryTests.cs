using System.Net;
using System.Text;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Resilience;

/// <summary>
/// Retries per the service's <c>retry</c>: on the listed statuses and connection failures, to another
/// endpoint, only for requests whose body can be replayed. Each test has one failing and one healthy
/// endpoint in round robin; health checks, outlier ejection and the circuit breaker are turned far
/// away so that only retries decide what the client sees.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class RetryTests(EdgeFixture edge)
{
    private const int SmallBody = 1024;

    private ProxyProcess Proxy => edge.Proxy;

    [Fact]
    public async Task Retry_OfA503_SucceedsOnTheOtherEndpoint()
    {
        await using var failing = await TestBackend.StartAsync("failing");
        await using var healthy = await TestBackend.StartAsync("healthy");
        failing.FailWith(503);
        var path = await ExposeAsync("retry-503", RetryingService(), failing, healthy);

        var served = await Burst.GetAsync(Proxy.Http, path, 20);

        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, healthy.Name), (s.Status, s.Backend)));
        Assert.True(failing.Received > 0, "no request went to the failing endpoint: nothing was retried");
        Assert.Equal(20, healthy.Received);
    }

    [Fact]
    public async Task Retry_OfAPostWithASmallSizedBody_ReplaysTheBodyOnTheOtherEndpoint()
    {
        await using var failing = await TestBackend.StartAsync("failing");
        await using var healthy = await TestBackend.StartAsync("healthy");
        failing.FailWith(503);
        var path = await ExposeAsync("retry-post", RetryingService(), failing, healthy);

        var served = await Burst.SendAsync(Proxy.Http, 20, 1, _ => Post(path, new StringContent(new string('p', SmallBody), Encoding.UTF8, "text/plain")));

        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, healthy.Name), (s.Status, s.Backend)));
        Assert.True(failing.Received > 0, "no request went to the failing endpoint: nothing was retried");
        Assert.Equal(20, healthy.Received);
        Assert.All(failing.Requests.Concat(healthy.Requests), r => Assert.Equal(("POST", SmallBody), (r.Method, r.BodyLength)));
    }

    [Fact]
    public async Task Retry_OfAConnectionFailure_SucceedsOnTheOtherEndpoint()
    {
        await using var healthy = await TestBackend.StartAsync("healthy");
        var name = Names.Unique("retry-refused");
        await edge.PutServiceAsync(name, RetryingService(), healthy);
        await edge.Admin.PutEndpointAsync(name, "nothing-listens", $"http://127.0.0.1:{FreePort.Next()}");
        await edge.PutRouteAndSyncAsync(name, Route(name));

        var served = await Burst.GetAsync(Proxy.Http, $"/{name}", 20);

        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, healthy.Name), (s.Status, s.Backend)));
        Assert.Equal(20, healthy.Received);
    }

    [Fact]
    public async Task Retry_OfAPostWithAChunkedBody_IsNotAttempted()
    {
        await using var failing = await TestBackend.StartAsync("failing");
        await using var healthy = await TestBackend.StartAsync("healthy");
        failing.FailWith(503);
        var path = await ExposeAsync("retry-chunked", RetryingService(), failing, healthy);

        var (status, failingGot, healthyGot) = await FirstRequestThatReachesAsync(failing, healthy, () => Post(path, new ChunkedContent(new byte[SmallBody])));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(1, failingGot);
        Assert.Equal(0, healthyGot);
        Assert.Equal(SmallBody, failing.Requests[^1].BodyLength);
    }

    [Fact]
    public async Task Retry_OfAStatusNotListed_IsNotAttempted()
    {
        await using var failing = await TestBackend.StartAsync("failing");
        await using var healthy = await TestBackend.StartAsync("healthy");
        failing.FailWith(500);
        var path = await ExposeAsync("retry-unlisted", RetryingService(), failing, healthy);

        var (status, failingGot, healthyGot) = await FirstRequestThatReachesAsync(failing, healthy, () => ProxyRequest.Get(path));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(1, failingGot);
        Assert.Equal(0, healthyGot);
    }

    [Fact]
    public async Task RetryBudget_OfZeroPercent_StillAllowsThreeRetries()
    {
        await using var failing = await TestBackend.StartAsync("failing");
        await using var healthy = await TestBackend.StartAsync("healthy");
        failing.FailWith(503);
        var path = await ExposeAsync("retry-budget", RetryingService(budgetPercent: 0), failing, healthy);

        var retried = new List<HttpStatusCode>();
        for (var i = 0; i < 30 && retried.Count < 3; i++)
        {
            var (status, failingGot, _) = await SendCountingAsync(failing, healthy, () => ProxyRequest.Get(path));
            if (failingGot > 0)
            {
                retried.Add(status);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], retried);
    }

    private static string RetryingService(int budgetPercent = 100) => $$"""
        { "loadBalancing": "roundRobin",
          "retry": { "attempts": 2, "on": [503], "budgetPercent": {{budgetPercent}} },
          "healthCheck": { "interval": "1h" },
          "outlierDetection": { "consecutiveFailures": 1000 },
          "circuitBreaker": { "minimumThroughput": 1000000 } }
        """;

    private static string Route(string name) =>
        $$"""{ "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ] }""";

    private static HttpRequestMessage Post(string path, HttpContent content)
    {
        var request = ProxyRequest.Create(HttpMethod.Post, path);
        request.Content = content;
        return request;
    }

    /// <summary>Service <paramref name="prefix"/>-… with the backends as endpoints and a route to it; returns the route's path.</summary>
    private async Task<string> ExposeAsync(string prefix, string spec, params TestBackend[] backends)
    {
        var name = Names.Unique(prefix);
        await edge.PutServiceAsync(name, spec, backends);
        await edge.PutRouteAndSyncAsync(name, Route(name));
        return $"/{name}";
    }

    /// <summary>Sends one request at a time until one reaches <paramref name="failing"/> first; what happened to that one.</summary>
    private async Task<(HttpStatusCode Status, int FailingGot, int HealthyGot)> FirstRequestThatReachesAsync(
        TestBackend failing, TestBackend healthy, Func<HttpRequestMessage> request)
    {
        for (var i = 0; i < 20; i++)
        {
            var outcome = await SendCountingAsync(failing, healthy, request);
            if (outcome.FailingGot > 0)
            {
                return outcome;
            }

            Assert.Equal((HttpStatusCode.OK, 1), (outcome.Status, outcome.HealthyGot));
        }

        throw new InvalidOperationException($"20 requests and none reached {failing.Name}: is it an endpoint in rotation?");
    }

    /// <summary>One request, and how many requests each backend received while it was answered.</summary>
    private async Task<(HttpStatusCode Status, int FailingGot, int HealthyGot)> SendCountingAsync(
        TestBackend failing, TestBackend healthy, Func<HttpRequestMessage> request)
    {
        var (failingBefore, healthyBefore) = (failing.Received, healthy.Received);
        using var message = request();
        using var response = await Proxy.Http.SendAsync(message);
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, failing.Received - failingBefore, healthy.Received - healthyBefore);
    }
}
