using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;
using Mesh.Proxy.Access;

namespace Mesh.Proxy.Tests.Access;

public sealed class CorsRuleTests
{
    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("HTTPS://APP.EXAMPLE.COM", true)]
    [InlineData("https://a.example.com", true)]
    [InlineData("https://a.b.example.com", false)]
    [InlineData("https://example.com", false)]
    [InlineData("https://.example.com", false)]
    [InlineData("http://a.example.com", false)]
    [InlineData("https://a.example.com:8443", false)]
    [InlineData("https://evil-example.com", false)]
    [InlineData("https://a.example.com.evil.test", false)]
    public void IsAllowed_MatchesExactOriginsAndOneWildcardLabel(string origin, bool allowed)
    {
        var rule = Rule(new CorsDocument { AllowOrigins = ["https://app.example.com", "https://*.example.com"] });

        Assert.Equal(allowed, rule.IsAllowed(origin));
    }

    [Fact]
    public void IsAllowed_WithStar_AllowsEveryOrigin()
    {
        Assert.True(Rule(new CorsDocument { AllowOrigins = ["*"] }).IsAllowed("https://anything.test"));
    }

    private static CorsRule Rule(CorsDocument document)
    {
        var errors = new ValidationErrors();
        var spec = CorsDocuments.Parse(document, errors)!;
        Assert.True(errors.IsEmpty);
        return new CorsRule(spec);
    }
}
