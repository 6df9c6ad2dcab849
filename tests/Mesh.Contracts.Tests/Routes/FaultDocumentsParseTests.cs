using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class FaultDocumentsParseTests
{
    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<FaultDocument>("""
            { "abort": { "percent": 10, "status": 503 }, "delay": { "percent": 5, "duration": "200ms" }, "onlyWithHeader": "X-Mesh-Fault" }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        Assert.Equal(new FaultSpec(10, 503, 5, TimeSpan.FromMilliseconds(200), "x-mesh-fault"), spec);
    }

    [Fact]
    public void Parse_WhenNeitherAbortNorDelayIsGiven_NamesFault()
    {
        var (_, errors) = Parse(new FaultDocument { OnlyWithHeader = "x-chaos" });

        ErrorAssert.Only(errors, "fault", "must have abort, delay, or both");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void Parse_WhenAPercentIsOutOfRange_NamesIt(double percent)
    {
        var (_, errors) = Parse(new FaultDocument { Abort = new FaultAbortDocument { Percent = percent, Status = 503 } });

        ErrorAssert.Only(errors, "fault.abort.percent", "is required and must be more than 0 and at most 100");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(399)]
    [InlineData(600)]
    public void Parse_WhenTheAbortStatusIsNotAnError_NamesIt(int status)
    {
        var (_, errors) = Parse(new FaultDocument { Abort = new FaultAbortDocument { Percent = 1, Status = status } });

        ErrorAssert.Keys(errors, "fault.abort.status");
    }

    [Fact]
    public void Parse_WhenTheDelayIsOverAMinute_NamesIt()
    {
        var (_, errors) = Parse(new FaultDocument { Delay = new FaultDelayDocument { Percent = 1, Duration = "2m" } });

        ErrorAssert.Only(errors, "fault.delay.duration", "must be at most 1m");
    }

    [Fact]
    public void FromThenParse_GivesTheSameSpec()
    {
        var (spec, _) = Parse(new FaultDocument { Abort = new FaultAbortDocument { Percent = 2.5, Status = 500 }, Delay = new FaultDelayDocument { Percent = 50, Duration = "1s" } });

        var (again, errors) = Parse(FaultDocuments.From(spec!));

        ErrorAssert.None(errors);
        Assert.Equal(spec, again);
    }

    private static (FaultSpec? Spec, ValidationErrors Errors) Parse(FaultDocument document)
    {
        var errors = new ValidationErrors();
        return (FaultDocuments.Parse(document, errors), errors);
    }
}
