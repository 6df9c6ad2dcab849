using System.Net;
using Mesh.Testing;

namespace Mesh.Cli.Tests;

/// <summary>
/// <c>meshctl consumers create</c> and <c>meshctl keys create|list|revoke</c> against a real silo and edge: the key
/// printed once lets a request through the edge, the list never shows it, and a revoked key is refused.
/// </summary>
public sealed class ConsumerKeysTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    [Fact]
    public async Task AKeyCreatedWithMeshctl_OpensAnApiKeyRoute_UntilItIsRevoked()
    {
        var consumer = "cli-" + Guid.NewGuid().ToString("N")[..6];
        var route = "cli-keyed-" + Guid.NewGuid().ToString("N")[..6];
        await using var backend = await TestBackend.StartAsync(route);
        await fixture.Silo.Http.PutServiceAsync(route, """{ "healthCheck": { "interval": "1h", "unhealthyThreshold": 100 } }""");
        await fixture.Silo.Http.PutEndpointAsync(route, backend);
        await fixture.Silo.Http.PutRouteAsync(route, $$"""{ "match": { "path": "/{{route}}/{**rest}" }, "backends": [{ "service": "{{route}}" }], "auth": "apiKey" }""");

        var created = await fixture.RunAsync("consumers", "create", consumer, "--group", "gold", "--group", "eu");
        var key = await fixture.RunAsync("keys", "create", consumer);
        var listed = await fixture.RunAsync("keys", "list", consumer);
        var shown = await fixture.RunAsync("get", "consumers");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(key.ExitCode == 0, key.ToString());
        var secret = key.Output.Trim();
        Assert.StartsWith("mesh_", secret);
        Assert.Contains("not shown again", key.Errors, StringComparison.Ordinal);
        Assert.Contains(secret[..9], listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        Assert.Contains(consumer, shown.Output, StringComparison.Ordinal);
        Assert.Contains("eu,gold", shown.Output, StringComparison.Ordinal);
        await fixture.Edge.WaitForVersionAsync(await fixture.Silo.Http.CatalogVersionAsync());
        Assert.Equal(HttpStatusCode.OK, await SendAsync(route, secret));

        var keyId = listed.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var revoked = await fixture.RunAsync("keys", "revoke", consumer, keyId);
        var again = await fixture.RunAsync("keys", "revoke", consumer, keyId);

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("answered 404", again.Errors, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => await SendAsync(route, secret) == HttpStatusCode.Unauthorized, "the edge to refuse the revoked key");
    }

    [Fact]
    public async Task KeysForAConsumerThatDoesNotExist_IsOneErrorLineAndExit1()
    {
        var run = await fixture.RunAsync("keys", "create", "nobody-" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.Contains("answered 404", run.Errors, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> SendAsync(string route, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{route}/x");
        request.Headers.Add("x-api-key", key);
        using var response = await fixture.Edge.Http.SendAsync(request);
        return response.StatusCode;
    }
}
