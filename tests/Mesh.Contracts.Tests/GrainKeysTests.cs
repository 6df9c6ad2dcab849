namespace Mesh.Contracts.Tests;

public sealed class GrainKeysTests
{
    [Fact]
    public void Endpoint_JoinsServiceAndIdWithASlash()
    {
        Assert.Equal("orders/pod-1", GrainKeys.Endpoint("orders", "pod-1"));
    }

    [Theory]
    [InlineData("orders", "pod-1")]
    [InlineData("orders-v2", "10.0.0.1:7001")]
    [InlineData("a", "pod_1.a")]
    public void ParseEndpoint_WhenKeyWasMadeByEndpoint_ReturnsServiceAndId(string service, string id)
    {
        var (parsedService, parsedId) = GrainKeys.ParseEndpoint(GrainKeys.Endpoint(service, id));

        Assert.Equal(service, parsedService);
        Assert.Equal(id, parsedId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders")]
    [InlineData("/pod-1")]
    [InlineData("orders/")]
    [InlineData("/")]
    [InlineData("orders/pod/1")]
    public void ParseEndpoint_WhenNotServiceSlashId_Throws(string key)
    {
        var exception = Assert.Throws<ArgumentException>(() => GrainKeys.ParseEndpoint(key));

        Assert.Equal("key", exception.ParamName);
    }

    [Fact]
    public void CatalogAndProxyDirectory_AreTheDefaultKeys()
    {
        Assert.Equal("default", GrainKeys.Catalog);
        Assert.Equal("default", GrainKeys.ProxyDirectory);
    }
}
