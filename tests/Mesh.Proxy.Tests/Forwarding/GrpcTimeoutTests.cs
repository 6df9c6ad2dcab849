using Mesh.Proxy.Forwarding;
using Microsoft.Extensions.Primitives;

namespace Mesh.Proxy.Tests.Forwarding;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 3_600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3_000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999S", 99_999_999_000)]
    public void Parse_ReadsEveryUnitOfTheGrpcWireFormat(string header, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GrpcTimeout.Parse(header));

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-5S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    public void Parse_OfAnythingElse_IsNoDeadline(string header) => Assert.Null(GrpcTimeout.Parse(header));

    [Fact]
    public void Parse_OfTwoValues_IsNoDeadline() => Assert.Null(GrpcTimeout.Parse(new StringValues(["1S", "2S"])));
}
