using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Services;

public sealed class ServiceOutlierDetectionParseTests
{
    [Fact]
    public void Parse_WhenEveryFieldIsInRange_UsesThem()
    {
        var (outliers, errors) = Parse(new OutlierDetectionDocument { ConsecutiveFailures = 1, BaseEjection = "1m", MaxEjectionPercent = 100 });

        ErrorAssert.None(errors);
        Assert.Equal(new OutlierDetectionSpec(1, TimeSpan.FromMinutes(1), 100), outliers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Parse_WhenConsecutiveFailuresIsOneToThousand_UsesIt(int failures)
    {
        var (outliers, errors) = Parse(new OutlierDetectionDocument { ConsecutiveFailures = failures });

        ErrorAssert.None(errors);
        Assert.Equal(failures, outliers.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Parse_WhenConsecutiveFailuresIsOutOfRange_NamesIt(int failures)
    {
        var (_, errors) = Parse(new OutlierDetectionDocument { ConsecutiveFailures = failures });

        ErrorAssert.Only(errors, "outlierDetection.consecutiveFailures", "must be between 1 and 1000");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Parse_WhenMaxEjectionPercentIsZeroToHundred_UsesIt(int percent)
    {
        var (outliers, errors) = Parse(new OutlierDetectionDocument { MaxEjectionPercent = percent });

        ErrorAssert.None(errors);
        Assert.Equal(percent, outliers.MaxEjectionPercent);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Parse_WhenMaxEjectionPercentIsOutOfRange_NamesIt(int percent)
    {
        var (_, errors) = Parse(new OutlierDetectionDocument { MaxEjectionPercent = percent });

        ErrorAssert.Only(errors, "outlierDetection.maxEjectionPercent", "must be between 0 and 100");
    }

    [Theory]
    [InlineData("30")]
    [InlineData("0s")]
    public void Parse_WhenBaseEjectionIsBad_NamesIt(string baseEjection)
    {
        var (outliers, errors) = Parse(new OutlierDetectionDocument { BaseEjection = baseEjection });

        ErrorAssert.Keys(errors, "outlierDetection.baseEjection");
        Assert.Equal(OutlierDetectionSpec.Default.BaseEjection, outliers.BaseEjection);
    }

    private static (OutlierDetectionSpec OutlierDetection, ValidationErrors Errors) Parse(OutlierDetectionDocument outlierDetection)
    {
        var errors = new ValidationErrors();
        return (ServiceDocuments.Parse(new ServiceDocument { OutlierDetection = outlierDetection }, errors).OutlierDetection, errors);
    }
}
