using Mesh.Testing;

namespace Mesh.Cli.Tests;

/// <summary><c>meshctl check</c> passes on a healthy mesh and fails, with a hint, once a proxy stops reporting.</summary>
public sealed class CheckTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    [Fact]
    public async Task Check_PassesWithTheEdgeUp_AndFailsNamingTheEdgeOnceItIsDown()
    {
        await fixture.Edge.WaitForVersionAsync(await fixture.Silo.Http.CatalogVersionAsync());

        var healthy = await fixture.RunAsync("check");
        await fixture.Edge.StopAsync();
        var down = await Eventually.ReturnsAsync(() => fixture.RunAsync("check"), c => c.ExitCode != 0, "check to notice the stopped edge", TimeSpan.FromSeconds(60));

        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains("Status check results are √", healthy.Output, StringComparison.Ordinal);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains($"× proxy {fixture.Edge.Id} reports", down.Output, StringComparison.Ordinal);
        Assert.Contains("hint: last reported", down.Output, StringComparison.Ordinal);
    }
}
