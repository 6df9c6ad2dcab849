using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class HttpSyntaxTests
{
    [Theory]
    [InlineData("api.example.com")]
    [InlineData("*.example.com")]
    [InlineData("h:8080")]
    [InlineData("localhost")]
    [InlineData("10.0.0.1")]
    [InlineData("API.Example.COM")]
    [InlineData("orders-v2.internal:443")]
    [InlineData("h:65535")]
    public void IsHost_WhenDnsNameWithOptionalWildcardAndPort_ReturnsTrue(string host)
    {
        Assert.True(HttpSyntax.IsHost(host));
    }

    [Theory]
    [InlineData("bad host")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("-a.com")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("*.*.example.com")]
    [InlineData("api.*.com")]
    [InlineData("a.com:")]
    [InlineData("a.com:123456")]
    [InlineData("http://a.com")]
    [InlineData("a.com/x")]
    [InlineData("")]
    [InlineData(null)]
    public void IsHost_WhenNotAHost_ReturnsFalse(string? host)
    {
        Assert.False(HttpSyntax.IsHost(host));
    }

    /// <remarks>Regex <c>\d</c> also matches non-ASCII digits, and five digits go past the highest port.</remarks>
    [Theory]
    [InlineData("h:65536")]
    [InlineData("h:99999")]
    [InlineData("h:\u0668\u0660")]
    public void IsHost_WhenPortIsNotAnAsciiNumberUpTo65535_ReturnsFalse(string host)
    {
        Assert.False(HttpSyntax.IsHost(host));
    }

    [Fact]
    public void IsHost_WhenLongerThanAllowed_ReturnsFalse()
    {
        var label = new string('a', 63);
        var host = string.Join('.', label, label, label, label) + ".ab";

        Assert.Equal(258, host.Length);
        Assert.True(HttpSyntax.IsHost(host));
        Assert.False(HttpSyntax.IsHost(host + "cdef"));
    }

    [Theory]
    [InlineData("x-canary")]
    [InlineData("X-Api-Key")]
    [InlineData("a.b_c~d!#$%&'*+^`|")]
    [InlineData("v")]
    public void IsToken_WhenRfc9110Token_ReturnsTrue(string value)
    {
        Assert.True(HttpSyntax.IsToken(value));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("a/b")]
    [InlineData("a\"b")]
    [InlineData("\u00e9")]
    [InlineData("")]
    [InlineData(null)]
    public void IsToken_WhenNotAToken_ReturnsFalse(string? value)
    {
        Assert.False(HttpSyntax.IsToken(value));
    }

    [Fact]
    public void Methods_AreTheNineStandardMethodsInUpperCase()
    {
        Assert.Equal(
            ["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"],
            HttpSyntax.Methods.Order(StringComparer.Ordinal).ToArray());
    }
}
