using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class CorsDocumentsParseTests
{
    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<CorsDocument>("""
            { "allowOrigins": ["https://app.example.com", "https://*.example.com"],
              "allowMethods": ["GET", "post"], "allowHeaders": ["Content-Type"], "exposeHeaders": [],
              "allowCredentials": false, "maxAge": "10m" }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        Assert.Equal(["https://app.example.com", "https://*.example.com"], spec!.AllowOrigins.ToArray());
        Assert.Equal(["GET", "POST"], spec.AllowMethods.ToArray());
        Assert.Equal(["content-type"], spec.AllowHeaders.ToArray());
        Assert.False(spec.AllowCredentials);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.MaxAge);
    }

    [Fact]
    public void Parse_WhenNoMethodsAreNamed_AllowsTheSafelistedOnes()
    {
        var (spec, errors) = Parse(new CorsDocument { AllowOrigins = ["*"] });

        ErrorAssert.None(errors);
        Assert.Equal(CorsDocuments.DefaultMethods.ToArray(), spec!.AllowMethods.ToArray());
    }

    [Fact]
    public void Parse_WhenAnyOriginIsAllowedWithCredentials_RefusesIt()
    {
        var (_, errors) = Parse(new CorsDocument { AllowOrigins = ["*"], AllowCredentials = true });

        ErrorAssert.Only(errors, "cors.allowOrigins[0]", "\"*\" is never allowed with allowCredentials: name the origins");
    }

    [Theory]
    [InlineData("app.example.com")]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://*.*.example.com")]
    [InlineData("https://app.*.com")]
    [InlineData("wss://app.example.com")]
    public void Parse_WhenAnOriginIsNotAnOriginPattern_NamesIt(string origin)
    {
        var (_, errors) = Parse(new CorsDocument { AllowOrigins = ["https://ok.example.com", origin] });

        ErrorAssert.Keys(errors, "cors.allowOrigins[1]");
    }

    [Fact]
    public void Parse_WhenNoOriginIsNamed_NamesAllowOrigins()
    {
        var (_, errors) = Parse(new CorsDocument { AllowMethods = ["GET"] });

        ErrorAssert.Only(errors, "cors.allowOrigins", "must name at least one origin");
    }

    [Fact]
    public void Parse_WhenAMethodIsUnknown_NamesIt()
    {
        var (_, errors) = Parse(new CorsDocument { AllowOrigins = ["*"], AllowMethods = ["GET", "FETCH"] });

        ErrorAssert.Only(errors, "cors.allowMethods[1]", "must be an HTTP method such as GET or POST");
    }

    [Theory]
    [InlineData("https://app.example.com:8443")]
    [InlineData("http://localhost:3000")]
    public void IsOriginPattern_AcceptsOriginsWithPorts(string origin)
    {
        Assert.True(CorsDocuments.IsOriginPattern(origin));
    }

    private static (CorsSpec? Spec, ValidationErrors Errors) Parse(CorsDocument document)
    {
        var errors = new ValidationErrors();
        return (CorsDocuments.Parse(document, errors), errors);
    }
}
