using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

/// <summary>Header and query conditions follow the same rules; every test runs for both.</summary>
public sealed class RouteConditionParseTests
{
    private const string NameRule = "is required and must be a token (letters, digits, '-', '_' and the like)";
    private const string ExistsRule = "must be empty when mode is exists";
    private const string ValuesRule = "must hold at least one non-empty value";

    private static readonly MatchConditionDocument Good = new() { Name = "x-good", Values = ["1"] };

    [Theory]
    [InlineData("headers")]
    [InlineData("query")]
    public void Parse_WhenModeIsAbsent_MatchesExactly(string list)
    {
        var (conditions, errors) = Parse(list, new MatchConditionDocument { Name = "x-canary", Values = ["1", "true"] });

        ErrorAssert.None(errors);
        var condition = Assert.Single(conditions);
        Assert.Equal("x-canary", condition.Name);
        Assert.Equal<string>(["1", "true"], condition.Values);
        Assert.Equal(HeaderMatchMode.Exact, condition.Mode);
    }

    [Theory]
    [InlineData("headers", "exact", HeaderMatchMode.Exact)]
    [InlineData("headers", "prefix", HeaderMatchMode.Prefix)]
    [InlineData("query", "exact", HeaderMatchMode.Exact)]
    [InlineData("query", "prefix", HeaderMatchMode.Prefix)]
    public void Parse_WhenModeTakesValuesAndValuesAreGiven_UsesThem(string list, string mode, HeaderMatchMode expected)
    {
        var (conditions, errors) = Parse(list, new MatchConditionDocument { Name = "v", Values = ["2"], Mode = mode });

        ErrorAssert.None(errors);
        Assert.Equal(expected, Assert.Single(conditions).Mode);
    }

    [Theory]
    [InlineData("headers")]
    [InlineData("query")]
    public void Parse_WhenModeIsExistsWithoutValues_IsGood(string list)
    {
        var (conditions, errors) = Parse(list, new MatchConditionDocument { Name = "x-debug", Mode = "exists" });

        ErrorAssert.None(errors);
        var condition = Assert.Single(conditions);
        Assert.Equal(HeaderMatchMode.Exists, condition.Mode);
        Assert.Empty(condition.Values);
    }

    [Theory]
    [InlineData("headers")]
    [InlineData("query")]
    public void Parse_WhenModeIsExistsWithValues_NamesValues(string list)
    {
        var (_, errors) = Parse(list, Good, new MatchConditionDocument { Name = "x-debug", Mode = "exists", Values = ["1"] });

        ErrorAssert.Only(errors, $"match.{list}[1].values", ExistsRule);
    }

    [Theory]
    [InlineData("headers", null)]
    [InlineData("headers", "exact")]
    [InlineData("headers", "prefix")]
    [InlineData("query", null)]
    [InlineData("query", "exact")]
    [InlineData("query", "prefix")]
    public void Parse_WhenModeTakesValuesButNoneAreGiven_NamesValues(string list, string? mode)
    {
        var (_, errors) = Parse(list, Good, new MatchConditionDocument { Name = "x-canary", Mode = mode });

        ErrorAssert.Only(errors, $"match.{list}[1].values", ValuesRule);
    }

    [Theory]
    [InlineData("headers")]
    [InlineData("query")]
    public void Parse_WhenValuesAreEmptyOrHoldAnEmptyValue_NamesValues(string list)
    {
        var (_, errors) = Parse(
            list,
            new MatchConditionDocument { Name = "a", Values = [] },
            new MatchConditionDocument { Name = "b", Values = ["1", ""] },
            new MatchConditionDocument { Name = "c", Values = [null!] });

        ErrorAssert.Keys(errors, $"match.{list}[0].values", $"match.{list}[1].values", $"match.{list}[2].values");
    }

    [Theory]
    [InlineData("headers", "bad name")]
    [InlineData("headers", "")]
    [InlineData("headers", null)]
    [InlineData("headers", "x:y")]
    [InlineData("query", "bad name")]
    [InlineData("query", null)]
    public void Parse_WhenNameIsNotAToken_NamesName(string list, string? name)
    {
        var (_, errors) = Parse(list, Good, new MatchConditionDocument { Name = name, Values = ["1"] });

        ErrorAssert.Only(errors, $"match.{list}[1].name", NameRule);
    }

    [Theory]
    [InlineData("headers", "Exact")]
    [InlineData("headers", "regex")]
    [InlineData("query", "EXISTS")]
    public void Parse_WhenModeIsUnknown_NamesMode(string list, string mode)
    {
        var (_, errors) = Parse(list, Good, new MatchConditionDocument { Name = "x", Values = ["1"], Mode = mode });

        ErrorAssert.Only(errors, $"match.{list}[1].mode", "must be one of exact | exists | prefix");
    }

    /// <remarks><c>"headers": [null]</c> is valid JSON for the document; it must be a 400, not an exception.</remarks>
    [Theory]
    [InlineData("headers")]
    [InlineData("query")]
    public void Parse_WhenAConditionIsNull_NamesItInsteadOfThrowing(string list)
    {
        var errors = new ValidationErrors();

        var exception = Record.Exception(() => RouteDocuments.Parse(Route(list, [Good, null!]), errors));

        Assert.Null(exception);
        Assert.Contains(errors.ToDictionary().Keys, k => k.StartsWith($"match.{list}[1]", StringComparison.Ordinal));
        Assert.DoesNotContain(errors.ToDictionary().Keys, k => k.StartsWith($"match.{list}[0]", StringComparison.Ordinal));
    }

    private static (IReadOnlyList<HeaderMatch> Conditions, ValidationErrors Errors) Parse(string list, params MatchConditionDocument[] conditions)
    {
        var errors = new ValidationErrors();
        var match = RouteDocuments.Parse(Route(list, conditions), errors).Match;
        return (list == "headers" ? match.Headers : match.Query, errors);
    }

    private static RouteDocument Route(string list, IReadOnlyList<MatchConditionDocument> conditions) => new()
    {
        Match = list == "headers"
            ? new RouteMatchDocument { Path = "/", Headers = conditions }
            : new RouteMatchDocument { Path = "/", Query = conditions },
        Backends = [new BackendDocument { Service = "orders" }],
    };
}
