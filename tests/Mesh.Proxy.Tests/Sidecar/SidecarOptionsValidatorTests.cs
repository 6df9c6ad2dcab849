using Mesh.Proxy.Sidecar;

namespace Mesh.Proxy.Tests.Sidecar;

public sealed class SidecarOptionsValidatorTests
{
    private static SidecarOptions Valid => new() { Service = "orders", App = "http://127.0.0.1:7001" };

    [Fact]
    public void ServiceAndApp_AreAllASidecarNeeds()
    {
        var options = Valid;

        Assert.True(new SidecarOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new Uri("https://127.0.0.1:15006"), options.Advertised);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Ttl);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:7001", "Mesh:Sidecar:Service is required")]
    [InlineData("Orders", "http://127.0.0.1:7001", "Mesh:Sidecar:Service 'Orders' must be a DNS label")]
    [InlineData("orders", null, "Mesh:Sidecar:App is required")]
    [InlineData("orders", "http://127.0.0.1:7001/app", "Mesh:Sidecar:App 'http://127.0.0.1:7001/app' must be an http or https URL with no path")]
    public void MissingOrMalformedServiceOrApp_IsRefusedNamingTheKey(string? service, string? app, string expected)
    {
        var result = new SidecarOptionsValidator().Validate(null, new SidecarOptions { Service = service, App = app });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("InboundUrls", "http://127.0.0.1:15006")]
    [InlineData("InboundUrls", "https://127.0.0.1")]
    [InlineData("OutboundUrls", "https://127.0.0.1:15001")]
    [InlineData("AdvertisedUrl", "http://orders:15006")]
    [InlineData("EndpointTtl", "500ms")]
    [InlineData("DrainTime", "soon")]
    public void BadListenerOrTiming_IsRefusedNamingTheKey(string key, string value)
    {
        var options = Valid;
        typeof(SidecarOptions).GetProperty(key)!.SetValue(options, value);

        var result = new SidecarOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith($"Mesh:Sidecar:{key} '{value}'", StringComparison.Ordinal));
    }

    [Fact]
    public void AdvertisedUrl_WinsOverTheInboundListener()
    {
        var options = Valid;
        options.InboundUrls = "https://+:15006";
        options.AdvertisedUrl = "https://orders:15006";

        Assert.True(new SidecarOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new Uri("https://orders:15006"), options.Advertised);
    }
}
