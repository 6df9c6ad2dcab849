namespace Mesh.Cli.Tests;

/// <summary><c>meshctl dashboard</c> prints the mesh page's address once the silo serves it, and refuses a wrong token in one line.</summary>
public sealed class DashboardCommandTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    [Fact]
    public async Task Dashboard_PrintsTheMeshPagesAddressOnTheSilo_AndSaysTheBrowserLogsInWithTheToken()
    {
        var run = await fixture.RunAsync("dashboard", "--no-open");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(new Uri(fixture.Silo.Http.BaseAddress!, "/ui/").AbsoluteUri, run.Output.Trim());
        Assert.Contains("asks for the admin token once", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithAWrongToken_FailsInOneLine()
    {
        var run = await MeshCtlProcess.RunAsync(fixture.Silo, "not-the-token", "dashboard", "--no-open");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("meshctl: error: the admin API at " + fixture.Silo.Http.BaseAddress + " refused the token (--token or MESH_ADMIN_TOKEN)", run.Errors.Trim());
        Assert.Empty(run.Output);
    }
}
