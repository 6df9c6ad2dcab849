using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.RateLimiting;

public sealed class RateLimitPolicyDocumentsParseTests
{
    private const string PartitionRule = "must be clientIp, route, consumer, global or header:<name>";

    private static readonly RateLimitPolicyDocument Minimal = new() { PermitsPerSecond = 100 };

    [Fact]
    public void Parse_WhenOnlyPermitsPerSecondIsGiven_UsesTheDefaults()
    {
        var (spec, errors) = Parse(Minimal);

        ErrorAssert.None(errors);
        Assert.Equal(new RateLimitPolicySpec(100, 100, "clientIp", FailMode.Open), spec);
    }

    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<RateLimitPolicyDocument>("""
            { "permitsPerSecond": 50, "burst": 200, "partitionBy": "header:x-api-key", "failMode": "closed" }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        Assert.Equal(new RateLimitPolicySpec(50, 200, "header:x-api-key", FailMode.Closed), spec);
    }

    [Fact]
    public void Parse_WhenPermitsPerSecondIsMissing_SaysItIsRequiredOnce()
    {
        var (_, errors) = Parse(new RateLimitPolicyDocument());

        ErrorAssert.Only(errors, "permitsPerSecond", "is required");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000_000)]
    public void Parse_WhenPermitsPerSecondIsAtLeastOne_UsesIt(int permits)
    {
        var (spec, errors) = Parse(Minimal with { PermitsPerSecond = permits });

        ErrorAssert.None(errors);
        Assert.Equal(permits, spec.PermitsPerSecond);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    public void Parse_WhenPermitsPerSecondIsOutOfRange_NamesIt(int permits)
    {
        var (_, errors) = Parse(Minimal with { PermitsPerSecond = permits });

        ErrorAssert.Only(errors, "permitsPerSecond", "must be between 1 and 10000000");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    public void Parse_WhenBurstIsZeroOrMore_UsesIt(int burst)
    {
        var (spec, errors) = Parse(Minimal with { Burst = burst });

        ErrorAssert.None(errors);
        Assert.Equal(burst, spec.Burst);
    }

    [Fact]
    public void Parse_WhenBurstIsAbsent_EqualsPermitsPerSecond()
    {
        var (spec, errors) = Parse(Minimal with { PermitsPerSecond = 37 });

        ErrorAssert.None(errors);
        Assert.Equal(37, spec.Burst);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    public void Parse_WhenBurstIsOutOfRange_NamesBurst(int burst)
    {
        var (_, errors) = Parse(Minimal with { Burst = burst });

        ErrorAssert.Only(errors, "burst", "must be between 0 and 10000000");
    }

    [Theory]
    [InlineData("clientIp")]
    [InlineData("route")]
    [InlineData("consumer")]
    [InlineData("global")]
    [InlineData("header:x-api-key")]
    [InlineData("header:X-Tenant")]
    public void Parse_WhenPartitionByIsKnown_UsesIt(string partitionBy)
    {
        var (spec, errors) = Parse(Minimal with { PartitionBy = partitionBy });

        ErrorAssert.None(errors);
        Assert.Equal(partitionBy, spec.PartitionBy);
    }

    [Theory]
    [InlineData("header:")]
    [InlineData("header")]
    [InlineData("header:bad name")]
    [InlineData("Header:x")]
    [InlineData("ip")]
    [InlineData("ClientIp")]
    [InlineData("GLOBAL")]
    [InlineData("")]
    public void Parse_WhenPartitionByIsUnknown_NamesPartitionBy(string partitionBy)
    {
        var (_, errors) = Parse(Minimal with { PartitionBy = partitionBy });

        ErrorAssert.Only(errors, "partitionBy", PartitionRule);
    }

    [Theory]
    [InlineData("open", FailMode.Open)]
    [InlineData("closed", FailMode.Closed)]
    public void Parse_WhenFailModeIsOpenOrClosed_UsesIt(string failMode, FailMode expected)
    {
        var (spec, errors) = Parse(Minimal with { FailMode = failMode });

        ErrorAssert.None(errors);
        Assert.Equal(expected, spec.FailMode);
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("halfOpen")]
    [InlineData("")]
    public void Parse_WhenFailModeIsUnknown_NamesFailMode(string failMode)
    {
        var (_, errors) = Parse(Minimal with { FailMode = failMode });

        ErrorAssert.Only(errors, "failMode", "must be one of closed | open");
    }

    [Fact]
    public void Parse_WhenSeveralFieldsAreBad_NamesEachOfThem()
    {
        var (_, errors) = Parse(new RateLimitPolicyDocument { PermitsPerSecond = 0, Burst = -1, PartitionBy = "ip", FailMode = "shut" });

        ErrorAssert.Keys(errors, "permitsPerSecond", "burst", "partitionBy", "failMode");
    }

    [Theory]
    [InlineData(1, 0, "global", FailMode.Closed)]
    [InlineData(100, 100, "clientIp", FailMode.Open)]
    [InlineData(10_000_000, 10_000_000, "header:x-api-key", FailMode.Open)]
    public void From_ThenParse_ReturnsAnEqualSpec(int permits, int burst, string partitionBy, FailMode failMode)
    {
        var spec = new RateLimitPolicySpec(permits, burst, partitionBy, failMode);
        var errors = new ValidationErrors();

        var document = RateLimitPolicyDocuments.From("per-client", spec);
        var parsed = RateLimitPolicyDocuments.Parse(document, errors);

        ErrorAssert.None(errors);
        Assert.Equal("per-client", document.Name);
        Assert.Equal(spec, parsed);
    }

    private static (RateLimitPolicySpec Spec, ValidationErrors Errors) Parse(RateLimitPolicyDocument document)
    {
        var errors = new ValidationErrors();
        return (RateLimitPolicyDocuments.Parse(document, errors), errors);
    }
}
