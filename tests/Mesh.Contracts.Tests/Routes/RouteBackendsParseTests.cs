using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class RouteBackendsParseTests
{
    private const string SumRule = "weights must sum to 100 when there is more than one backend";

    [Fact]
    public void Parse_WhenBackendsAreMissing_NamesBackends()
    {
        var (_, errors) = Parse(null);

        ErrorAssert.Only(errors, "backends", "must name at least one service");
    }

    [Fact]
    public void Parse_WhenBackendsAreEmpty_NamesBackends()
    {
        var (_, errors) = Parse([]);

        ErrorAssert.Only(errors, "backends", "must name at least one service");
    }

    [Fact]
    public void Parse_WhenOneBackendHasNoWeight_GivesItAllTheTraffic()
    {
        var (backends, errors) = Parse([new BackendDocument { Service = "orders" }]);

        ErrorAssert.None(errors);
        Assert.Equal([new WeightedBackend("orders", 100)], backends);
    }

    [Fact]
    public void Parse_WhenOneBackendHasAWeight_KeepsIt()
    {
        var (backends, errors) = Parse([new BackendDocument { Service = "orders", Weight = 40 }]);

        ErrorAssert.None(errors);
        Assert.Equal([new WeightedBackend("orders", 40)], backends);
    }

    [Theory]
    [InlineData(90, 10)]
    [InlineData(50, 50)]
    [InlineData(100, 0)]
    public void Parse_WhenWeightsSumTo100_KeepsThem(int first, int second)
    {
        var (backends, errors) = Parse(
        [
            new BackendDocument { Service = "orders", Weight = first },
            new BackendDocument { Service = "orders-v2", Weight = second },
        ]);

        ErrorAssert.None(errors);
        Assert.Equal([new WeightedBackend("orders", first), new WeightedBackend("orders-v2", second)], backends);
    }

    [Fact]
    public void Parse_WhenThreeWeightsSumTo100_KeepsThem()
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "a", Weight = 34 },
            new BackendDocument { Service = "b", Weight = 33 },
            new BackendDocument { Service = "c", Weight = 33 },
        ]);

        ErrorAssert.None(errors);
    }

    [Theory]
    [InlineData(90, 20)]
    [InlineData(50, 49)]
    [InlineData(0, 0)]
    public void Parse_WhenWeightsDoNotSumTo100_NamesBackends(int first, int second)
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "orders", Weight = first },
            new BackendDocument { Service = "orders-v2", Weight = second },
        ]);

        ErrorAssert.Only(errors, "backends", SumRule);
    }

    /// <remarks>
    /// A missing weight falls back to 0 when there are several backends, so two backends without weights
    /// would send traffic nowhere; the sum rule must still apply.
    /// </remarks>
    [Fact]
    public void Parse_WhenSeveralBackendsOmitTheirWeights_NamesBackends()
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "orders" },
            new BackendDocument { Service = "orders-v2" },
        ]);

        ErrorAssert.Only(errors, "backends", SumRule);
    }

    [Fact]
    public void Parse_WhenOneOfSeveralBackendsOmitsItsWeightAndTheRestDoNotSumTo100_NamesBackends()
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "orders", Weight = 50 },
            new BackendDocument { Service = "orders-v2" },
        ]);

        ErrorAssert.Only(errors, "backends", SumRule);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    public void Parse_WhenAWeightIsOutOfRange_NamesThatWeightOnly(int weight)
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "orders", Weight = 90 },
            new BackendDocument { Service = "orders-v2", Weight = weight },
        ]);

        ErrorAssert.Only(errors, "backends[1].weight", "must be between 0 and 100");
    }

    [Fact]
    public void Parse_WhenAServiceIsNamedTwice_NamesBackends()
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "orders", Weight = 50 },
            new BackendDocument { Service = "orders", Weight = 50 },
        ]);

        ErrorAssert.Only(errors, "backends", "must not name a service twice");
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("orders_v2")]
    [InlineData("-orders")]
    public void Parse_WhenAServiceNameIsNotADnsLabel_NamesThatService(string service)
    {
        var (_, errors) = Parse(
        [
            new BackendDocument { Service = "orders", Weight = 50 },
            new BackendDocument { Service = service, Weight = 50 },
        ]);

        ErrorAssert.Only(errors, "backends[1].service", ResourceNames.NameRule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_WhenAServiceIsMissing_SaysItIsRequired(string? service)
    {
        var (_, errors) = Parse([new BackendDocument { Service = service }]);

        ErrorAssert.Only(errors, "backends[0].service", "is required");
    }

    /// <remarks><c>"backends": [null]</c> is valid JSON for the document; it must be a 400, not an exception.</remarks>
    [Fact]
    public void Parse_WhenABackendIsNull_NamesItInsteadOfThrowing()
    {
        var errors = new ValidationErrors();
        var document = new RouteDocument
        {
            Match = new RouteMatchDocument { Path = "/" },
            Backends = [new BackendDocument { Service = "orders", Weight = 100 }, null!],
        };

        var exception = Record.Exception(() => RouteDocuments.Parse(document, errors));

        Assert.Null(exception);
        Assert.Contains(errors.ToDictionary().Keys, k => k.StartsWith("backends[1]", StringComparison.Ordinal));
    }

    private static (IReadOnlyList<WeightedBackend> Backends, ValidationErrors Errors) Parse(IReadOnlyList<BackendDocument>? backends)
    {
        var errors = new ValidationErrors();
        var spec = RouteDocuments.Parse(new RouteDocument { Match = new RouteMatchDocument { Path = "/" }, Backends = backends }, errors);
        return (spec.Backends, errors);
    }
}
