using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class RouteTransformsParseTests
{
    private const string KindRule = RouteTransformDocuments.KindRule;
    private const string HeaderActionRule = "a header transform needs exactly one of \"set\": \"value\" or \"remove\": true";
    private const string PathActionRule = "a path transform takes neither set nor remove";
    private const string PrefixRule = "must be a literal path starting with '/', such as \"/orders\"";

    public static TheoryData<string> EveryKind => new(Kinds.Keys);

    private static readonly Dictionary<string, (TransformDocument Document, TransformSpec Spec)> Kinds = new()
    {
        ["pathRemovePrefix"] = (new TransformDocument { PathRemovePrefix = "/orders" }, new TransformSpec(TransformKind.PathRemovePrefix, "/orders", null)),
        ["pathPrefix"] = (new TransformDocument { PathPrefix = "/v2" }, new TransformSpec(TransformKind.PathPrefix, "/v2", null)),
        ["requestHeaderSet"] = (new TransformDocument { RequestHeader = "x-from", Set = "edge" }, new TransformSpec(TransformKind.RequestHeaderSet, "x-from", "edge")),
        ["requestHeaderRemove"] = (new TransformDocument { RequestHeader = "x-debug", Remove = true }, new TransformSpec(TransformKind.RequestHeaderRemove, "x-debug", null)),
        ["responseHeaderSet"] = (new TransformDocument { ResponseHeader = "server", Set = "mesh" }, new TransformSpec(TransformKind.ResponseHeaderSet, "server", "mesh")),
        ["responseHeaderRemove"] = (new TransformDocument { ResponseHeader = "server", Remove = true }, new TransformSpec(TransformKind.ResponseHeaderRemove, "server", null)),
        ["queryParameterSet"] = (new TransformDocument { QueryParameter = "v", Set = "2" }, new TransformSpec(TransformKind.QueryParameterSet, "v", "2")),
        ["queryParameterRemove"] = (new TransformDocument { QueryParameter = "debug", Remove = true }, new TransformSpec(TransformKind.QueryParameterRemove, "debug", null)),
        ["pathPattern"] = (new TransformDocument { PathPattern = "/api/v2" }, new TransformSpec(TransformKind.PathPattern, "/api/v2", null)),
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Parse_WhenTransformHasOneKind_ReadsIt(string kind)
    {
        var (transforms, errors) = Parse(Kinds[kind].Document);

        ErrorAssert.None(errors);
        Assert.Equal([Kinds[kind].Spec], transforms);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void From_ThenParse_RoundTripsEveryKind(string kind)
    {
        var spec = Parsed(new RouteDocument
        {
            Match = new RouteMatchDocument { Path = "/" },
            Backends = [new BackendDocument { Service = "orders" }],
            Transforms = [Kinds[kind].Document],
        });
        var errors = new ValidationErrors();

        var again = RouteDocuments.Parse(RouteDocuments.From("r", spec), errors);

        ErrorAssert.None(errors);
        Assert.Equal<TransformSpec>([Kinds[kind].Spec], again.Transforms);
    }

    [Fact]
    public void Parse_WhenSeveralTransformsAreGiven_KeepsTheirOrder()
    {
        var (transforms, errors) = Parse([.. Kinds.Values.Select(k => k.Document)]);

        ErrorAssert.None(errors);
        Assert.Equal(Kinds.Values.Select(k => k.Spec).ToArray(), transforms);
    }

    [Fact]
    public void Parse_WhenTransformHasNoKind_NamesTheTransform()
    {
        var (transforms, errors) = Parse(Kinds["pathPrefix"].Document, new TransformDocument(), new TransformDocument { Set = "x" });

        ErrorAssert.Keys(errors, "transforms[1]", "transforms[2]");
        Assert.Equal([KindRule], errors.ToDictionary()["transforms[1]"]);
        Assert.Single(transforms);
    }

    [Theory]
    [InlineData("pathRemovePrefix", "pathPrefix")]
    [InlineData("pathPrefix", "requestHeader")]
    [InlineData("requestHeader", "responseHeader")]
    public void Parse_WhenTransformHasTwoKinds_NamesTheTransform(string first, string second)
    {
        var document = With(With(new TransformDocument { Set = "x" }, first), second);

        var (_, errors) = Parse(document);

        ErrorAssert.Only(errors, "transforms[0]", KindRule);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, false)]
    [InlineData("edge", true)]
    public void Parse_WhenHeaderTransformHasNotExactlyOneOfSetAndRemove_NamesTheTransform(string? set, bool? remove)
    {
        var (_, errors) = Parse(new TransformDocument { RequestHeader = "x-from", Set = set, Remove = remove }, new TransformDocument { ResponseHeader = "server", Set = set, Remove = remove });

        ErrorAssert.Keys(errors, "transforms[0]", "transforms[1]");
        Assert.Equal([HeaderActionRule], errors.ToDictionary()["transforms[0]"]);
    }

    [Theory]
    [InlineData("bad header")]
    [InlineData("")]
    [InlineData("x:y")]
    public void Parse_WhenHeaderNameIsNotAToken_NamesTheHeaderField(string header)
    {
        var (_, errors) = Parse(new TransformDocument { RequestHeader = header, Set = "x" }, new TransformDocument { ResponseHeader = header, Remove = true });

        ErrorAssert.Keys(errors, "transforms[0].requestHeader", "transforms[1].responseHeader");
        Assert.Equal(["must be a header name"], errors.ToDictionary()["transforms[0].requestHeader"]);
    }

    [Theory]
    [InlineData("x", null)]
    [InlineData(null, true)]
    [InlineData(null, false)]
    public void Parse_WhenPathTransformHasSetOrRemove_NamesTheTransform(string? set, bool? remove)
    {
        var (_, errors) = Parse(new TransformDocument { PathRemovePrefix = "/orders", Set = set, Remove = remove }, new TransformDocument { PathPrefix = "/v2", Set = set, Remove = remove });

        ErrorAssert.Keys(errors, "transforms[0]", "transforms[1]");
        Assert.Equal([PathActionRule], errors.ToDictionary()["transforms[1]"]);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/a b")]
    [InlineData("/{id}")]
    public void Parse_WhenPathPrefixIsNotALiteralPath_NamesTheKindField(string prefix)
    {
        var (_, errors) = Parse(new TransformDocument { PathRemovePrefix = prefix }, new TransformDocument { PathPrefix = prefix });

        ErrorAssert.Keys(errors, "transforms[0].pathRemovePrefix", "transforms[1].pathPrefix");
        Assert.Equal([PrefixRule], errors.ToDictionary()["transforms[1].pathPrefix"]);
    }

    [Theory]
    [InlineData("/api/v2/{**rest}")]
    [InlineData("/items/{id}/{**rest}")]
    [InlineData("/static")]
    public void Parse_WhenAPathPatternUsesOnlyTheRoutesValues_ReadsIt(string pattern)
    {
        var (transforms, errors) = ParseOn("/orders/{id}/{**rest}", new TransformDocument { PathPattern = pattern });

        ErrorAssert.None(errors);
        Assert.Equal([new TransformSpec(TransformKind.PathPattern, pattern, null)], transforms);
    }

    [Fact]
    public void Parse_WhenAPathPatternNamesAValueTheRouteDoesNotCapture_NamesThePattern()
    {
        var (_, errors) = ParseOn("/orders/{**rest}", new TransformDocument { PathPattern = "/api/{version}/{**rest}" });

        ErrorAssert.Only(errors, "transforms[0].pathPattern", "uses the route value 'version', which match.path does not capture (it captures rest)");
    }

    [Theory]
    [InlineData("api/{**rest}")]
    [InlineData("/api/{**rest}/more")]
    [InlineData("/api/{rest")]
    public void Parse_WhenAPathPatternIsNotATemplate_NamesThePattern(string pattern)
    {
        var (_, errors) = ParseOn("/orders/{**rest}", new TransformDocument { PathPattern = pattern });

        ErrorAssert.Keys(errors, "transforms[0].pathPattern");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a&b")]
    [InlineData("a=b")]
    [InlineData("a b")]
    public void Parse_WhenAQueryParameterNameCouldNotBeOne_NamesIt(string name)
    {
        var (_, errors) = Parse(new TransformDocument { QueryParameter = name, Set = "1" });

        ErrorAssert.Only(errors, "transforms[0].queryParameter", "must be a query parameter name (no spaces, '&', '=', '#' or '?')");
    }

    [Fact]
    public void Parse_WhenAQueryTransformHasNeitherSetNorRemove_NamesTheTransform()
    {
        var (_, errors) = Parse(new TransformDocument { QueryParameter = "v" });

        ErrorAssert.Only(errors, "transforms[0]", "a query parameter transform needs exactly one of \"set\": \"value\" or \"remove\": true");
    }

    /// <remarks><c>"transforms": [null]</c> is valid JSON for the document; it must be a 400, not an exception.</remarks>
    [Fact]
    public void Parse_WhenATransformIsNull_NamesItInsteadOfThrowing()
    {
        var errors = new ValidationErrors();
        var document = new RouteDocument
        {
            Match = new RouteMatchDocument { Path = "/" },
            Backends = [new BackendDocument { Service = "orders" }],
            Transforms = [Kinds["pathPrefix"].Document, null!],
        };

        var exception = Record.Exception(() => RouteDocuments.Parse(document, errors));

        Assert.Null(exception);
        Assert.Contains(errors.ToDictionary().Keys, k => k.StartsWith("transforms[1]", StringComparison.Ordinal));
    }

    private static TransformDocument With(TransformDocument document, string kind) => kind switch
    {
        "pathRemovePrefix" => document with { PathRemovePrefix = "/orders" },
        "pathPrefix" => document with { PathPrefix = "/v2" },
        "requestHeader" => document with { RequestHeader = "x-from" },
        "responseHeader" => document with { ResponseHeader = "server" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    private static (IReadOnlyList<TransformSpec> Transforms, ValidationErrors Errors) Parse(params TransformDocument[] transforms) =>
        ParseOn("/", transforms);

    private static (IReadOnlyList<TransformSpec> Transforms, ValidationErrors Errors) ParseOn(string matchPath, params TransformDocument[] transforms)
    {
        var errors = new ValidationErrors();
        var spec = RouteDocuments.Parse(
            new RouteDocument
            {
                Match = new RouteMatchDocument { Path = matchPath },
                Backends = [new BackendDocument { Service = "orders" }],
                Transforms = transforms,
            },
            errors);
        return (spec.Transforms, errors);
    }

    private static RouteSpec Parsed(RouteDocument document)
    {
        var errors = new ValidationErrors();
        var spec = RouteDocuments.Parse(document, errors);
        ErrorAssert.None(errors);
        return spec;
    }
}
