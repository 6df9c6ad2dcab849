using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class EnumNamesTests
{
    [Theory]
    [InlineData(LoadBalancingPolicy.PowerOfTwoChoices, "powerOfTwoChoices")]
    [InlineData(LoadBalancingPolicy.RoundRobin, "roundRobin")]
    [InlineData(LoadBalancingPolicy.LeastRequests, "leastRequests")]
    [InlineData(LoadBalancingPolicy.Random, "random")]
    public void Name_IsCamelCase(LoadBalancingPolicy value, string expected)
    {
        Assert.Equal(expected, EnumNames<LoadBalancingPolicy>.Name(value));
        Assert.True(EnumNames<LoadBalancingPolicy>.TryParse(expected, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("RoundRobin")]
    [InlineData("roundrobin")]
    [InlineData("round-robin")]
    [InlineData("1")]
    [InlineData("")]
    public void TryParse_WhenNotTheCamelCaseName_ReturnsFalse(string text)
    {
        Assert.False(EnumNames<LoadBalancingPolicy>.TryParse(text, out _));
    }

    [Fact]
    public void AllowedList_IsSortedAndSeparatedByBars()
    {
        Assert.Equal("apiKey | apiKeyOrJwt | jwt | none", EnumNames<AuthMode>.AllowedList);
        Assert.Equal("closed | open", EnumNames<FailMode>.AllowedList);
        Assert.Equal("exact | exists | prefix", EnumNames<HeaderMatchMode>.AllowedList);
        Assert.Equal("draining | ejected | healthy | unhealthy | unknown", EnumNames<EndpointHealth>.AllowedList);
    }

    [Fact]
    public void Name_ThenTryParse_RoundTripsEveryValue()
    {
        AssertRoundTrips<LoadBalancingPolicy>();
        AssertRoundTrips<AuthMode>();
        AssertRoundTrips<FailMode>();
        AssertRoundTrips<HeaderMatchMode>();
        AssertRoundTrips<EndpointHealth>();
        AssertRoundTrips<TransformKind>();
    }

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.True(EnumNames<TEnum>.TryParse(EnumNames<TEnum>.Name(value), out var parsed));
            Assert.Equal(value, parsed);
        }
    }
}
