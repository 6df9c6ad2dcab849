using Mesh.Testing;

namespace Mesh.Cli.Tests;

/// <summary><c>meshctl cache purge</c> against a real silo and edge: the stored response is gone once the command says the edge applied it.</summary>
public sealed class CachePurgeCommandTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    [Fact]
    public async Task CachePurgeWithWait_ReturnsOnceTheEdgeDroppedTheStoredResponse()
    {
        var route = "cli-cached-" + Guid.NewGuid().ToString("N")[..6];
        await using var backend = await TestBackend.StartAsync(route);
        await fixture.Silo.Http.PutServiceAsync(route);
        await fixture.Silo.Http.PutEndpointAsync(route, backend);
        await fixture.Edge.WaitForVersionAsync(await fixture.Silo.Http.PutRouteAsync(route, $$"""
            { "match": { "path": "/{{route}}/{**rest}" }, "backends": [{ "service": "{{route}}" }], "cache": { "maxTtl": "1h" } }
            """));
        Assert.Equal("miss", await OutcomeAsync(route));
        Assert.Equal("hit", await OutcomeAsync(route));

        var purge = await fixture.RunAsync("cache", "purge", "--route", route, "--path-prefix", $"/{route}/", "--wait");

        Assert.True(purge.ExitCode == 0, purge.ToString());
        Assert.Matches("^purge [0-9a-f]{32} accepted$", purge.Output.Split('\n')[0]);
        Assert.Contains("1/1 edges applied purge", purge.Output, StringComparison.Ordinal);
        Assert.Equal("miss", await OutcomeAsync(route));
        Assert.Equal(2, backend.Received);
    }

    [Fact]
    public async Task CachePurgeOfAnUnknownRoute_IsOneErrorLineAndExit1()
    {
        var run = await fixture.RunAsync("cache", "purge", "--route", "nowhere-" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.Contains("route", run.Errors, StringComparison.Ordinal);
    }

    private async Task<string?> OutcomeAsync(string route)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{route}/item");
        request.Headers.TryAddWithoutValidation("x-respond-cache-control", "max-age=600");
        using var response = await fixture.Edge.Http.SendAsync(request);
        return response.Headers.TryGetValues("x-mesh-cache", out var values) ? values.Single() : null;
    }
}
