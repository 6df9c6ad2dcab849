using Mesh.Proxy.Hosting;

namespace Mesh.Proxy.Tests.Hosting;

public sealed class ProxyOptionsValidatorTests
{
    [Theory]
    [InlineData("off")]
    [InlineData("stdout")]
    [InlineData("/tmp/access.log")]
    public void AccessLog_OffStdoutOrAFileInAFolderThatExists_IsAccepted(string accessLog)
    {
        Assert.True(new ProxyOptionsValidator().Validate(null, new ProxyOptions { AccessLog = accessLog }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/no/such/folder/access.log")]
    public void AccessLog_ElsewhereIsRefused_NamingTheKey(string accessLog)
    {
        var result = new ProxyOptionsValidator().Validate(null, new ProxyOptions { AccessLog = accessLog });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith($"Mesh:Proxy:AccessLog '{accessLog}' must be off, stdout, or a file", StringComparison.Ordinal));
    }
}
