using Mesh.Deploy.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Images;

/// <summary>The images' HEALTHCHECK: the program probes its own <c>/healthz</c>, so the image needs no curl.</summary>
public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData("Silo", "Mesh.Silo.dll", "Mesh__Admin__Urls")]
    [InlineData("Proxy", "Mesh.Proxy.dll", "Mesh__Proxy__AdminUrls")]
    public async Task Healthcheck_OnAWildcardListenUrl_ProbesLoopbackAndExitsZero(string project, string assembly, string urlsVariable)
    {
        await using var listener = await Backend.StartAsync("healthz");

        var result = await RunAsync(project, assembly, urlsVariable, $"http://+:{listener.Port}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"healthy (http://127.0.0.1:{listener.Port}/healthz)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Silo", "Mesh.Silo.dll", "Mesh__Admin__Urls")]
    [InlineData("Proxy", "Mesh.Proxy.dll", "Mesh__Proxy__AdminUrls")]
    public async Task Healthcheck_WhenNothingAnswers_ExitsOneWithOneLine(string project, string assembly, string urlsVariable)
    {
        var result = await RunAsync(project, assembly, urlsVariable, $"http://0.0.0.0:{FreePort.Next()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unhealthy", result.Errors, StringComparison.Ordinal);
    }

    private static Task<Command> RunAsync(string project, string assembly, string urlsVariable, string urls) =>
        Command.RunAsync(
            "dotnet",
            [RepoPaths.Program(project, assembly), "healthcheck"],
            environment: new Dictionary<string, string> { [urlsVariable] = urls },
            deadline: TimeSpan.FromSeconds(30));
}
