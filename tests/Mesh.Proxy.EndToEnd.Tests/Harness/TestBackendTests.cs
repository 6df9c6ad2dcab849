using System.Diagnostics;
using System.Net;
using System.Text;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>The upstream every proxy test relies on, checked on its own: a proxy test is only as good as its backend.</summary>
public sealed class TestBackendTests : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task TestBackend_AnswersWithItsNameAndRecordsRequests()
    {
        await using var backend = await TestBackend.StartAsync("alpha");
        using var get = new HttpRequestMessage(HttpMethod.Get, $"{backend.Address}/some/path?x=1&y=2");
        get.Headers.Add("x-test", "yes");

        using var getResponse = await _client.SendAsync(get);
        using var postResponse = await _client.PostAsync($"{backend.Address}/upload", new StringContent(new string('b', 100), Encoding.UTF8, "text/plain"));
        using var health = await _client.GetAsync($"{backend.Address}{TestBackend.HealthPath}");
        var echo = await getResponse.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.Equal("alpha", getResponse.Headers.GetValues(TestBackend.NameHeader).Single());
        Assert.Equal("application/json", getResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("alpha", (string?)echo["backend"]);
        Assert.Equal("GET", (string?)echo["method"]);
        Assert.Equal("/some/path", (string?)echo["path"]);
        Assert.Equal("?x=1&y=2", (string?)echo["query"]);
        Assert.Equal("yes", (string?)echo["headers"]!["x-test"]);
        Assert.Equal(HttpStatusCode.OK, postResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(2, backend.Received);
        Assert.Equal(1, backend.HealthChecks);
        var requests = backend.Requests;
        Assert.Equal(["GET /some/path", "POST /upload"], requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal("?x=1&y=2", requests[0].Query);
        Assert.Equal("yes", requests[0].Header("X-Test"));
        Assert.Equal(0, requests[0].BodyLength);
        Assert.Equal(100, requests[1].BodyLength);
    }

    [Fact]
    public async Task TestBackend_RestartedOnTheSamePort_AnswersAgain()
    {
        await using var backend = await TestBackend.StartAsync("phoenix");
        var address = backend.Address;
        using var before = await _client.GetAsync($"{address}/before");

        await backend.StopAsync();
        var whileDown = await Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync($"{address}/down"));
        await backend.StartAsync();
        using var after = await _client.GetAsync($"{address}/after");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpRequestError.ConnectionError, whileDown.HttpRequestError);
        Assert.Equal(address, backend.Address);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("phoenix", after.Headers.GetValues(TestBackend.NameHeader).Single());
        Assert.Equal(["/before", "/after"], backend.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task TestBackend_FailWith_AnswersThatStatusIncludingHealthz()
    {
        await using var backend = await TestBackend.StartAsync("flaky");

        backend.FailWith(503);
        using var failed = await _client.GetAsync($"{backend.Address}/x");
        using var failedHealth = await _client.GetAsync($"{backend.Address}{TestBackend.HealthPath}");
        backend.Healthy();
        using var recovered = await _client.GetAsync($"{backend.Address}/x");
        using var recoveredHealth = await _client.GetAsync($"{backend.Address}{TestBackend.HealthPath}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("flaky", failed.Headers.GetValues(TestBackend.NameHeader).Single());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failedHealth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recoveredHealth.StatusCode);
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task TestBackend_Hang_HoldsRequestsUntilHealthyAndStillAnswersHealthz()
    {
        await using var backend = await TestBackend.StartAsync("stuck");
        backend.Hang();

        var held = _client.GetAsync($"{backend.Address}/held");
        await Eventually.HoldsAsync(() => Task.FromResult(backend.Received == 1), "the held request to arrive");
        using var health = await _client.GetAsync($"{backend.Address}{TestBackend.HealthPath}");
        var heldWhileHealthy = held.IsCompleted;
        backend.Healthy();
        using var released = await held;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(heldWhileHealthy);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }

    [Fact]
    public async Task TestBackend_Hang_LetsACallerThatGivesUpGo()
    {
        await using var backend = await TestBackend.StartAsync("stuck");
        using var giveUp = new CancellationTokenSource();
        backend.Hang();

        var held = _client.GetAsync($"{backend.Address}/held", giveUp.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(backend.Received == 1), "the held request to arrive");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        backend.Healthy();
        using var next = await _client.GetAsync($"{backend.Address}/next");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task TestBackend_Delay_AnswersAfterTheDelay()
    {
        await using var backend = await TestBackend.StartAsync("slow");
        backend.Delay(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        using var response = await _client.GetAsync($"{backend.Address}/slow");
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task TestBackend_Stopped_AbortsTheRequestsItHeld()
    {
        await using var backend = await TestBackend.StartAsync("killed");
        backend.Hang();
        var held = _client.GetAsync($"{backend.Address}/held");
        await Eventually.HoldsAsync(() => Task.FromResult(backend.Received == 1), "the held request to arrive");

        await backend.StopAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => held);
        Assert.False(backend.IsRunning);
    }

    public void Dispose() => _client.Dispose();
}
