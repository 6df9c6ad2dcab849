using Mesh.Contracts.Consumers;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class RouteDocumentsParseTests
{
    private static readonly RouteDocument Minimal = new()
    {
        Match = new RouteMatchDocument { Path = "/orders/{**rest}" },
        Backends = [new BackendDocument { Service = "orders" }],
    };

    [Fact]
    public void Parse_WhenOnlyMatchAndBackendAreGiven_UsesTheDefaults()
    {
        var (spec, errors) = Parse(Minimal);

        ErrorAssert.None(errors);
        Assert.Empty(spec.Transforms);
        Assert.Null(spec.RateLimit);
        Assert.Equal(AuthMode.None, spec.Auth);
        Assert.Null(spec.Timeout);
        Assert.Null(spec.Mirror);
        Assert.Equal(0, spec.Order);
    }

    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<RouteDocument>("""
            {
              "match": { "hosts": ["api.example.com"], "path": "/orders/{**rest}", "methods": ["GET", "POST"],
                         "headers": [{ "name": "x-canary", "values": ["1"], "mode": "exact" }],
                         "query": [{ "name": "v", "values": ["2"] }] },
              "backends": [ { "service": "orders", "weight": 90 }, { "service": "orders-v2", "weight": 10 } ],
              "transforms": [ { "pathRemovePrefix": "/orders" }, { "requestHeader": "x-from", "set": "edge" } ],
              "rateLimit": "per-client",
              "auth": "none",
              "timeout": "10s",
              "mirror": { "service": "orders-shadow", "percent": 5 },
              "order": 0
            }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        StructuralAssert.Equal(
            new RouteSpec(
                new RouteMatch(
                    ["api.example.com"],
                    "/orders/{**rest}",
                    ["GET", "POST"],
                    [new HeaderMatch("x-canary", ["1"], HeaderMatchMode.Exact)],
                    [new HeaderMatch("v", ["2"], HeaderMatchMode.Exact)]),
                [new WeightedBackend("orders", 90), new WeightedBackend("orders-v2", 10)],
                [new TransformSpec(TransformKind.PathRemovePrefix, "/orders", null), new TransformSpec(TransformKind.RequestHeaderSet, "x-from", "edge")],
                "per-client",
                AuthMode.None,
                TimeSpan.FromSeconds(10),
                new MirrorSpec("orders-shadow", 5),
                0),
            spec);
        Assert.Equal(["orders", "orders-v2", "orders-shadow"], spec.ReferencedServices);
    }

    [Theory]
    [InlineData("per-client")]
    [InlineData("a")]
    public void Parse_WhenRateLimitIsADnsLabel_KeepsIt(string rateLimit)
    {
        var (spec, errors) = Parse(Minimal with { RateLimit = rateLimit });

        ErrorAssert.None(errors);
        Assert.Equal(rateLimit, spec.RateLimit);
    }

    [Theory]
    [InlineData("Per-Client")]
    [InlineData("per_client")]
    [InlineData("per-client-")]
    [InlineData("")]
    public void Parse_WhenRateLimitIsNotADnsLabel_NamesRateLimit(string rateLimit)
    {
        var (_, errors) = Parse(Minimal with { RateLimit = rateLimit });

        ErrorAssert.Only(errors, "rateLimit", ResourceNames.NameRule);
    }

    [Fact]
    public void Parse_WhenAuthIsNone_UsesIt()
    {
        var (spec, errors) = Parse(Minimal with { Auth = "none" });

        ErrorAssert.None(errors);
        Assert.Equal(AuthMode.None, spec.Auth);
    }

    [Theory]
    [InlineData("apiKey", AuthMode.ApiKey)]
    [InlineData("jwt", AuthMode.Jwt)]
    [InlineData("apiKeyOrJwt", AuthMode.ApiKeyOrJwt)]
    public void Parse_WhenAuthIsAnEnforcedMode_ReadsIt(string auth, AuthMode expected)
    {
        var (spec, errors) = Parse(Minimal with { Auth = auth });

        ErrorAssert.None(errors);
        Assert.Equal(expected, spec.Auth);
        Assert.True(spec.Authenticates);
    }

    [Fact]
    public void Parse_WhenJwtProvidersAreGivenToAnApiKeyRoute_NamesJwtProviders()
    {
        var (_, errors) = Parse(Minimal with { Auth = "apiKey", JwtProviders = ["idp"] });

        ErrorAssert.Only(errors, "jwtProviders", "only routes with auth jwt or apiKeyOrJwt take JWT providers");
    }

    [Fact]
    public void Parse_WhenAnAnonymousRouteHasAnAllowList_NamesAllow()
    {
        var (_, errors) = Parse(Minimal with { Allow = new AllowDocument { Consumers = ["alice"] } });

        ErrorAssert.Only(errors, "allow", "needs auth apiKey, jwt or apiKeyOrJwt: an anonymous caller cannot be on an allow list");
    }

    [Fact]
    public void Parse_WhenAllowNamesABadGroup_NamesTheGroup()
    {
        var (_, errors) = Parse(Minimal with { Auth = "jwt", Allow = new AllowDocument { Groups = ["gold", "a,b"] } });

        ErrorAssert.Only(errors, "allow.groups[1]", ConsumerDocuments.GroupRule);
    }

    [Fact]
    public void Parse_WhenAllowIsGiven_KeepsConsumersAndGroups()
    {
        var (spec, errors) = Parse(Minimal with
        {
            Auth = "apiKeyOrJwt",
            JwtProviders = ["idp", "idp"],
            Allow = new AllowDocument { Consumers = ["alice"], Groups = ["gold"] },
        });

        ErrorAssert.None(errors);
        Assert.Equal(["idp"], spec.JwtProviders.ToArray());
        Assert.Equal(["alice"], spec.Allow!.Consumers.ToArray());
        Assert.Equal(["gold"], spec.Allow.Groups.ToArray());
    }

    [Theory]
    [InlineData("ApiKey")]
    [InlineData("JWT")]
    [InlineData("basic")]
    [InlineData("")]
    public void Parse_WhenAuthIsUnknown_NamesAuth(string auth)
    {
        var (_, errors) = Parse(Minimal with { Auth = auth });

        ErrorAssert.Only(errors, "auth", "must be one of apiKey | apiKeyOrJwt | jwt | none");
    }

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("250ms", 250)]
    public void Parse_WhenTimeoutIsADuration_UsesIt(string timeout, int milliseconds)
    {
        var (spec, errors) = Parse(Minimal with { Timeout = timeout });

        ErrorAssert.None(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), spec.Timeout);
    }

    [Theory]
    [InlineData("10", Duration.FormatHint)]
    [InlineData("10 s", Duration.FormatHint)]
    [InlineData("0s", "must be greater than zero")]
    public void Parse_WhenTimeoutIsBad_NamesTimeout(string timeout, string message)
    {
        var (spec, errors) = Parse(Minimal with { Timeout = timeout });

        ErrorAssert.Only(errors, "timeout", message);
        Assert.Null(spec.Timeout);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    public void Parse_WhenMirrorNamesAServiceAndAPercent_UsesThem(int percent)
    {
        var (spec, errors) = Parse(Minimal with { Mirror = new MirrorDocument { Service = "orders-shadow", Percent = percent } });

        ErrorAssert.None(errors);
        Assert.Equal(new MirrorSpec("orders-shadow", percent), spec.Mirror);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Parse_WhenMirrorPercentIsOutOfRange_NamesMirrorPercent(int percent)
    {
        var (_, errors) = Parse(Minimal with { Mirror = new MirrorDocument { Service = "orders-shadow", Percent = percent } });

        ErrorAssert.Only(errors, "mirror.percent", "must be between 1 and 100");
    }

    [Fact]
    public void Parse_WhenMirrorPercentIsMissing_SaysItIsRequiredOnce()
    {
        var (_, errors) = Parse(Minimal with { Mirror = new MirrorDocument { Service = "orders-shadow" } });

        ErrorAssert.Only(errors, "mirror.percent", "is required");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_WhenMirrorServiceIsMissing_SaysItIsRequired(string? service)
    {
        var (_, errors) = Parse(Minimal with { Mirror = new MirrorDocument { Service = service, Percent = 5 } });

        ErrorAssert.Only(errors, "mirror.service", "is required");
    }

    [Fact]
    public void Parse_WhenMirrorServiceIsNotADnsLabel_NamesMirrorService()
    {
        var (_, errors) = Parse(Minimal with { Mirror = new MirrorDocument { Service = "Orders_Shadow", Percent = 5 } });

        ErrorAssert.Only(errors, "mirror.service", ResourceNames.NameRule);
    }

    [Fact]
    public void Parse_WhenMirrorIsEmpty_NamesServiceAndPercent()
    {
        var (_, errors) = Parse(Minimal with { Mirror = new MirrorDocument() });

        ErrorAssert.Keys(errors, "mirror.service", "mirror.percent");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-5)]
    public void Parse_WhenOrderIsGiven_KeepsIt(int order)
    {
        var (spec, errors) = Parse(Minimal with { Order = order });

        ErrorAssert.None(errors);
        Assert.Equal(order, spec.Order);
    }

    [Fact]
    public void Parse_WhenNoBodyLimitIsGiven_BodiesAreUnlimited()
    {
        var (spec, errors) = Parse(Minimal);

        ErrorAssert.None(errors);
        Assert.Null(spec.MaxRequestBodyBytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_048_576)]
    [InlineData(RouteDocuments.MaxBodyLimit)]
    public void Parse_WhenABodyLimitIsGiven_KeepsIt(long limit)
    {
        var (spec, errors) = Parse(Minimal with { MaxRequestBodyBytes = limit });

        ErrorAssert.None(errors);
        Assert.Equal(limit, spec.MaxRequestBodyBytes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(RouteDocuments.MaxBodyLimit + 1)]
    public void Parse_WhenTheBodyLimitIsOutOfRange_NamesMaxRequestBodyBytes(long limit)
    {
        var (_, errors) = Parse(Minimal with { MaxRequestBodyBytes = limit });

        ErrorAssert.Keys(errors, "maxRequestBodyBytes");
    }

    [Fact]
    public void Parse_WhenSeveralFieldsAreBad_NamesEachOfThem()
    {
        var (_, errors) = Parse(new RouteDocument
        {
            Match = new RouteMatchDocument
            {
                Path = "orders",
                Hosts = ["bad host"],
                Methods = ["FETCH"],
                Headers = [new MatchConditionDocument { Name = "x", Mode = "exists", Values = ["1"] }],
                Query = [new MatchConditionDocument { Name = "bad name", Values = ["1"] }],
            },
            Backends =
            [
                new BackendDocument { Service = "Orders", Weight = 50 },
                new BackendDocument { Service = "orders-v2", Weight = 101 },
            ],
            Transforms = [new TransformDocument(), new TransformDocument { RequestHeader = "x-from" }],
            RateLimit = "Per_Client",
            Auth = "basic",
            Timeout = "10",
            Mirror = new MirrorDocument { Service = "orders-shadow", Percent = 0 },
        });

        ErrorAssert.Keys(
            errors,
            "match.path",
            "match.hosts[0]",
            "match.methods[0]",
            "match.headers[0].values",
            "match.query[0].name",
            "backends[0].service",
            "backends[1].weight",
            "transforms[0]",
            "transforms[1]",
            "rateLimit",
            "auth",
            "timeout",
            "mirror.percent");
    }

    [Fact]
    public void Parse_IgnoresReadOnlyFields()
    {
        var (_, errors) = Parse(Minimal with { Id = "Not A Name", Version = -1 });

        ErrorAssert.None(errors);
    }

    private static (RouteSpec Spec, ValidationErrors Errors) Parse(RouteDocument document)
    {
        var errors = new ValidationErrors();
        return (RouteDocuments.Parse(document, errors), errors);
    }
}
