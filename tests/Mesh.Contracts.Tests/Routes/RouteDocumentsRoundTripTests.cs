using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class RouteDocumentsRoundTripTests
{
    [Fact]
    public void From_RendersTheContractShape()
    {
        var spec = new RouteSpec(
            new RouteMatch([], "/orders", ["GET"], [new HeaderMatch("x-debug", [], HeaderMatchMode.Exists)], []),
            [new WeightedBackend("orders", 100)],
            [],
            null,
            AuthMode.ApiKey,
            TimeSpan.FromSeconds(90),
            null,
            3);

        var document = RouteDocuments.From("orders-api", spec);

        Assert.Equal("orders-api", document.Id);
        Assert.Equal("apiKey", document.Auth);
        Assert.Equal("90s", document.Timeout);
        Assert.Equal("exists", Assert.Single(document.Match!.Headers!).Mode);
        Assert.Null(document.Mirror);
        Assert.Null(document.RateLimit);
        Assert.Equal(3, document.Order);
        Assert.Null(document.Version);
    }

    [Fact]
    public void From_ThenParse_WhenMinimal_ReturnsAnEqualSpec()
    {
        AssertRoundTrips(new RouteSpec(
            new RouteMatch([], "/", [], [], []),
            [new WeightedBackend("orders", 100)],
            [],
            null,
            AuthMode.None,
            null,
            null,
            0));
    }

    [Fact]
    public void From_ThenParse_WhenEveryFieldIsSet_ReturnsAnEqualSpec()
    {
        AssertRoundTrips(new RouteSpec(
            new RouteMatch(
                ["api.example.com", "*.example.org:8443"],
                "/orders/{id:int}/{**rest}",
                ["GET", "POST", "DELETE"],
                [
                    new HeaderMatch("x-canary", ["1", "yes"], HeaderMatchMode.Exact),
                    new HeaderMatch("x-tenant", ["acme-"], HeaderMatchMode.Prefix),
                    new HeaderMatch("x-debug", [], HeaderMatchMode.Exists),
                ],
                [new HeaderMatch("v", ["2"], HeaderMatchMode.Exact), new HeaderMatch("trace", [], HeaderMatchMode.Exists)]),
            [new WeightedBackend("orders", 70), new WeightedBackend("orders-v2", 30)],
            [
                new TransformSpec(TransformKind.PathRemovePrefix, "/orders", null),
                new TransformSpec(TransformKind.PathPrefix, "/v2", null),
                new TransformSpec(TransformKind.RequestHeaderSet, "x-from", "edge"),
                new TransformSpec(TransformKind.RequestHeaderRemove, "cookie", null),
                new TransformSpec(TransformKind.ResponseHeaderSet, "x-served-by", "mesh"),
                new TransformSpec(TransformKind.ResponseHeaderRemove, "server", null),
            ],
            "per-client",
            AuthMode.None,
            TimeSpan.FromMilliseconds(2_500),
            new MirrorSpec("orders-shadow", 5),
            -1,
            1_048_576));
    }

    private static void AssertRoundTrips(RouteSpec spec)
    {
        var errors = new ValidationErrors();
        var parsed = RouteDocuments.Parse(RouteDocuments.From("orders-api", spec), errors);

        ErrorAssert.None(errors);
        StructuralAssert.Equal(spec, parsed);
    }
}
