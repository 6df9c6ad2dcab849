using Mesh.Proxy.Caching;

namespace Mesh.Proxy.Tests.Caching;

public sealed class CacheDirectivesTests
{
    [Fact]
    public void Parse_ReadsNamesCaseInsensitively_AcrossLines_AndQuotedValues()
    {
        var directives = CacheDirectives.Parse(new(["Public, MAX-AGE=\"60\"", "s-maxage=30,no-cache=\"set-cookie, x-a\",must-revalidate"]));

        Assert.True(directives.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), directives.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), directives.SharedMaxAge);
        Assert.True(directives.NoCache);
        Assert.True(directives.MustRevalidate);
        Assert.False(directives.NoStore);
    }

    [Fact]
    public void Parse_OfADirectiveGivenTwice_TheFirstCounts()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), CacheDirectives.Parse("max-age=5, max-age=3600").MaxAge);
    }

    [Theory]
    [InlineData("max-age=abc")]
    [InlineData("max-age=-1")]
    [InlineData("max-age=1.5")]
    [InlineData("max-age=")]
    public void Parse_OfADeltaSecondsThatIsNotOne_MeansStaleAtOnce(string header)
    {
        Assert.Equal(TimeSpan.Zero, CacheDirectives.Parse(header).MaxAge);
    }

    [Fact]
    public void Parse_OfAHugeDeltaSeconds_CapsItAt2Pow31()
    {
        Assert.Equal(TimeSpan.FromSeconds(int.MaxValue), CacheDirectives.Parse("max-age=99999999999999999999999").MaxAge);
    }

    [Fact]
    public void Parse_OfMaxStaleWithoutAValue_AcceptsAnyStaleness()
    {
        Assert.Equal(TimeSpan.MaxValue, CacheDirectives.Parse("max-stale").MaxStale);
        Assert.Equal(TimeSpan.FromSeconds(10), CacheDirectives.Parse("max-stale=10").MaxStale);
    }

    [Fact]
    public void Parse_OfNothing_IsEmpty()
    {
        Assert.True(CacheDirectives.Parse(default(Microsoft.Extensions.Primitives.StringValues)).IsEmpty);
        Assert.True(CacheDirectives.Parse("unknown-extension=1").IsEmpty);
    }
}
