using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class RouteMatchParseTests
{
    private const string MatchRule = "must name a path, hosts, or both";
    private const string HostRule = "must be a host name, optionally with a leading '*.' and a port";
    private const string MethodRule = "must be an HTTP method such as GET or POST";

    [Fact]
    public void Parse_WhenMatchIsMissing_NamesMatch()
    {
        var (_, errors) = Parse(null);

        ErrorAssert.Only(errors, "match", MatchRule);
    }

    [Fact]
    public void Parse_WhenMatchHasNeitherPathNorHosts_NamesMatch()
    {
        var (_, errors) = Parse(new RouteMatchDocument { Hosts = [], Methods = ["GET"] });

        ErrorAssert.Only(errors, "match", MatchRule);
    }

    [Fact]
    public void Parse_WhenMatchHasOnlyAPath_IsGood()
    {
        var (match, errors) = Parse(new RouteMatchDocument { Path = "/orders" });

        ErrorAssert.None(errors);
        Assert.Equal("/orders", match.Path);
        Assert.Empty(match.Hosts);
        Assert.Empty(match.Methods);
        Assert.Empty(match.Headers);
        Assert.Empty(match.Query);
    }

    [Fact]
    public void Parse_WhenMatchHasOnlyHosts_IsGood()
    {
        var (match, errors) = Parse(new RouteMatchDocument { Hosts = ["api.example.com"] });

        ErrorAssert.None(errors);
        Assert.Null(match.Path);
        Assert.Equal<string>(["api.example.com"], match.Hosts);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/orders/{**rest}")]
    [InlineData("/{id:int}")]
    [InlineData("/a/{b?}")]
    [InlineData("/files/{*path}")]
    public void Parse_WhenPathTemplateIsGood_KeepsIt(string path)
    {
        var (match, errors) = Parse(new RouteMatchDocument { Path = path });

        ErrorAssert.None(errors);
        Assert.Equal(path, match.Path);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("/a//b")]
    [InlineData("/{**rest}/x")]
    [InlineData("/{a}/{a}")]
    [InlineData("/{}")]
    [InlineData("")]
    public void Parse_WhenPathTemplateIsBad_NamesMatchPath(string path)
    {
        var (_, errors) = Parse(new RouteMatchDocument { Path = path });

        ErrorAssert.Only(errors, "match.path", PathTemplate.Check(path)!);
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("*.example.com")]
    [InlineData("h:8080")]
    public void Parse_WhenHostIsGood_KeepsIt(string host)
    {
        var (match, errors) = Parse(new RouteMatchDocument { Hosts = [host] });

        ErrorAssert.None(errors);
        Assert.Equal<string>([host], match.Hosts);
    }

    [Fact]
    public void Parse_WhenHostsDifferOnlyInCase_KeepsOneInLowerCase()
    {
        var (match, errors) = Parse(new RouteMatchDocument { Hosts = ["API.Example.com", "api.example.com", "*.Example.com"] });

        ErrorAssert.None(errors);
        Assert.Equal<string>(["api.example.com", "*.example.com"], match.Hosts);
    }

    [Fact]
    public void Parse_WhenHostsAreBad_NamesEachByIndex()
    {
        var (_, errors) = Parse(new RouteMatchDocument { Hosts = ["api.example.com", "bad host", "a..b", "h:8080"] });

        ErrorAssert.Keys(errors, "match.hosts[1]", "match.hosts[2]");
        Assert.Equal([HostRule], errors.ToDictionary()["match.hosts[1]"]);
    }

    /// <remarks><c>"hosts": [null]</c> is valid JSON for the document; it must be a 400, not an exception.</remarks>
    [Fact]
    public void Parse_WhenAHostIsNull_NamesItInsteadOfThrowing()
    {
        var errors = new ValidationErrors();
        var document = new RouteDocument
        {
            Match = new RouteMatchDocument { Path = "/", Hosts = ["api.example.com", null!] },
            Backends = [new BackendDocument { Service = "orders" }],
        };

        var exception = Record.Exception(() => RouteDocuments.Parse(document, errors));

        Assert.Null(exception);
        ErrorAssert.Only(errors, "match.hosts[1]", HostRule);
    }

    [Fact]
    public void Parse_WhenMethodsAreInAnyCase_AcceptsThemInUpperCase()
    {
        var (match, errors) = Parse(new RouteMatchDocument { Path = "/", Methods = ["get", "Post", "DELETE", "GET"] });

        ErrorAssert.None(errors);
        Assert.Equal<string>(["GET", "POST", "DELETE"], match.Methods);
    }

    [Theory]
    [InlineData("FETCH")]
    [InlineData("")]
    [InlineData("GET ")]
    [InlineData(null)]
    public void Parse_WhenMethodIsUnknown_NamesItByIndex(string? method)
    {
        var (_, errors) = Parse(new RouteMatchDocument { Path = "/", Methods = ["GET", method!] });

        ErrorAssert.Only(errors, "match.methods[1]", MethodRule);
    }

    private static (RouteMatch Match, ValidationErrors Errors) Parse(RouteMatchDocument? match)
    {
        var errors = new ValidationErrors();
        var spec = RouteDocuments.Parse(new RouteDocument { Match = match, Backends = [new BackendDocument { Service = "orders" }] }, errors);
        return (spec.Match, errors);
    }
}
