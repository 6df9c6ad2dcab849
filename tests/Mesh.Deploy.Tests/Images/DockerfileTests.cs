using Mesh.Testing;

namespace Mesh.Deploy.Tests.Images;

/// <summary>The silo, proxy and sample images, read from their Dockerfiles (no Docker engine runs here).</summary>
public sealed class DockerfileTests
{
    [Theory]
    [InlineData("src/Silo/Dockerfile", "Mesh.Silo.dll")]
    [InlineData("src/Proxy/Dockerfile", "Mesh.Proxy.dll")]
    public void Images_BuildOnTheSdk_RunOnAspNetAsNonRoot_WithAHealthCheckThatNeedsNoCurl(string path, string assembly)
    {
        var dockerfile = Dockerfile.Load(Path.Combine(RepoPaths.Root, path));

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], dockerfile.Arguments("FROM"));
        Assert.Equal("$APP_UID", Assert.Single(dockerfile.Arguments("USER")));
        var healthcheck = Assert.Single(dockerfile.Arguments("HEALTHCHECK"));
        Assert.EndsWith($"CMD [\"dotnet\", \"/app/{assembly}\", \"healthcheck\"]", healthcheck, StringComparison.Ordinal);
        var runtimeStage = dockerfile.Instructions.SkipWhile(i => i.Arguments != "mcr.microsoft.com/dotnet/aspnet:10.0").ToList();
        Assert.DoesNotContain(runtimeStage, i => i.Arguments.Contains("curl", StringComparison.Ordinal) || i.Arguments.Contains("apt-get", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("samples/Orders/Dockerfile", "Mesh.Samples.Orders.dll")]
    [InlineData("samples/Inventory/Dockerfile", "Mesh.Samples.Inventory.dll")]
    [InlineData("samples/Greeter/Dockerfile", "Mesh.Samples.Greeter.dll")]
    public void SampleImages_BuildOnTheSdk_RunOnAspNetAsNonRoot_OnLoopbackOnly(string path, string assembly)
    {
        var dockerfile = Dockerfile.Load(Path.Combine(RepoPaths.Root, path));

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], dockerfile.Arguments("FROM"));
        Assert.Equal("$APP_UID", Assert.Single(dockerfile.Arguments("USER")));
        Assert.Contains("ASPNETCORE_URLS=http://127.0.0.1:7001", Assert.Single(dockerfile.Arguments("ENV")), StringComparison.Ordinal);
        Assert.Equal($"[\"dotnet\", \"/app/{assembly}\"]", Assert.Single(dockerfile.Arguments("ENTRYPOINT")));
        Assert.Empty(dockerfile.Arguments("HEALTHCHECK"));
        var runtimeStage = dockerfile.Instructions.SkipWhile(i => i.Arguments != "mcr.microsoft.com/dotnet/aspnet:10.0").ToList();
        Assert.DoesNotContain(runtimeStage, i => i.Arguments.Contains("curl", StringComparison.Ordinal) || i.Arguments.Contains("apt-get", StringComparison.Ordinal));
    }
}
