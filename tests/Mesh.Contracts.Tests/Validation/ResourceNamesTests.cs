using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class ResourceNamesTests
{
    [Theory]
    [InlineData("orders")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("orders-v2")]
    [InlineData("per-client")]
    [InlineData("a--b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void IsValidName_WhenDnsLabel_ReturnsTrue(string name)
    {
        Assert.True(ResourceNames.IsValidName(name));
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("\u00e9")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValidName_WhenNotADnsLabel_ReturnsFalse(string? name)
    {
        Assert.False(ResourceNames.IsValidName(name));
    }

    [Fact]
    public void IsValidName_AcceptsSixtyThreeCharactersButNotSixtyFour()
    {
        Assert.True(ResourceNames.IsValidName(new string('a', 63)));
        Assert.False(ResourceNames.IsValidName(new string('a', 64)));
    }

    [Theory]
    [InlineData("10.0.0.1:7001")]
    [InlineData("pod_1.a")]
    [InlineData("Pod-1")]
    [InlineData("a")]
    [InlineData("orders-7d9f8b-x2x4q")]
    public void IsValidEndpointId_WhenPodNameOrHostPort_ReturnsTrue(string id)
    {
        Assert.True(ResourceNames.IsValidEndpointId(id));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("-x")]
    [InlineData("x-")]
    [InlineData(".x")]
    [InlineData("x:")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValidEndpointId_WhenSlashOrBadEdge_ReturnsFalse(string? id)
    {
        Assert.False(ResourceNames.IsValidEndpointId(id));
    }

    [Fact]
    public void IsValidEndpointId_AcceptsOneHundredTwentyEightCharactersButNotMore()
    {
        Assert.True(ResourceNames.IsValidEndpointId(new string('a', 128)));
        Assert.False(ResourceNames.IsValidEndpointId(new string('a', 129)));
    }
}
