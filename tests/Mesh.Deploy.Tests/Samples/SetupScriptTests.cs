using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Samples;

/// <summary><c>samples/setup.sh</c> (which applies <c>samples/mesh.yaml</c>) against a silo whose admin API wants a token, as in docker-compose.yml.</summary>
public sealed class SetupScriptTests : IAsyncLifetime
{
    private const string Token = "setup-test-token";
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(token: Token);
        await _silo.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Setup_AppliesTheSampleMesh_AndRunningItAgainChangesNothing()
    {
        var first = await RunAsync(Token);
        var catalog = await CatalogAsync();
        var again = await RunAsync(Token);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(Without(catalog, "version"), Without(await CatalogAsync(), "version"));
        Assert.Contains("\"changes\":[]", again.Output, StringComparison.Ordinal);
        Assert.All(new[] { "orders", "inventory" }, s => Assert.Equal("/healthz", (string?)catalog["services"]?[s]?["healthCheck"]?["path"]));
        Assert.Equal("/orders/{**rest}", (string?)catalog["routes"]?["orders"]?["match"]?["path"]);
        Assert.Equal("orders", (string?)catalog["routes"]?["orders"]?["backends"]?[0]?["service"]);
        Assert.Empty(catalog["routes"]!["orders"]!["transforms"]!.AsArray());
        Assert.Equal("edge", (string?)Assert.Single(catalog["authz"]!["orders"]!["allow"]!.AsArray())?["from"]?[0]);
        var inventory = Assert.Single(catalog["authz"]!["inventory"]!["allow"]!.AsArray())!;
        Assert.Equal("""{"from":["orders"],"methods":["GET"],"paths":["/stock/*"]}""", inventory.ToJsonString());
    }

    [Fact]
    public async Task Setup_WithAWrongToken_FailsWithOneLineNamingTheRefusedCall()
    {
        var result = await RunAsync("wrong");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"setup.sh: error: applying {Path.Combine(RepoPaths.Root, "samples", "mesh.yaml")} to http://127.0.0.1:{_silo.AdminPort} failed:", line, StringComparison.Ordinal);
        Assert.Contains("401", line, StringComparison.Ordinal);
    }

    private Task<Command> RunAsync(string token) =>
        Command.RunAsync(
            Path.Combine(RepoPaths.Root, "samples", "setup.sh"),
            [$"http://127.0.0.1:{_silo.AdminPort}"],
            environment: new Dictionary<string, string> { ["MESH_ADMIN_TOKEN"] = token },
            deadline: TimeSpan.FromSeconds(60));

    private async Task<JsonNode> CatalogAsync()
    {
        using var response = await _silo.Http.GetAsync("/api/v1/config");
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    private static string Without(JsonNode document, string property)
    {
        var copy = document.DeepClone().AsObject();
        copy.Remove(property);
        return copy.ToJsonString();
    }
}
