using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class DocumentReaderTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(7);

    private readonly ValidationErrors _errors = new();

    [Fact]
    public void Duration_WhenAbsent_ReturnsFallbackWithoutError()
    {
        Assert.Equal(Fallback, new DocumentReader(_errors).Duration(null, "timeout", Fallback));
        ErrorAssert.None(_errors);
    }

    [Fact]
    public void Duration_WhenGood_ReturnsIt()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), new DocumentReader(_errors).Duration("250ms", "timeout", Fallback));
        ErrorAssert.None(_errors);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0ms")]
    [InlineData("0h0m")]
    public void Duration_WhenZero_RecordsMustBeGreaterThanZero(string text)
    {
        Assert.Equal(Fallback, new DocumentReader(_errors).Duration(text, "timeout", Fallback));
        ErrorAssert.Only(_errors, "timeout", "must be greater than zero");
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5S")]
    public void Duration_WhenMalformed_RecordsTheFormatHint(string text)
    {
        Assert.Equal(Fallback, new DocumentReader(_errors).Duration(text, "timeout", Fallback));
        ErrorAssert.Only(_errors, "timeout", Duration.FormatHint);
    }

    [Fact]
    public void OptionalDuration_WhenAbsent_ReturnsNullWithoutError()
    {
        Assert.Null(new DocumentReader(_errors).OptionalDuration(null, "ttl"));
        ErrorAssert.None(_errors);
    }

    [Fact]
    public void OptionalDuration_WhenZero_ReturnsNullAndRecordsIt()
    {
        Assert.Null(new DocumentReader(_errors).OptionalDuration("0s", "ttl"));
        ErrorAssert.Only(_errors, "ttl", "must be greater than zero");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(10)]
    public void Number_WhenWithinBounds_ReturnsItWithoutError(int value)
    {
        Assert.Equal(value, new DocumentReader(_errors).Number(value, "retry.attempts", 2, 0, 10));
        ErrorAssert.None(_errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Number_WhenOutOfBounds_RecordsTheRangeAndReturnsFallback(int value)
    {
        Assert.Equal(2, new DocumentReader(_errors).Number(value, "retry.attempts", 2, 0, 10));
        ErrorAssert.Only(_errors, "retry.attempts", "must be between 0 and 10");
    }

    [Fact]
    public void Number_WhenAbsent_ReturnsFallbackWithoutError()
    {
        Assert.Equal(2, new DocumentReader(_errors).Number(null, "retry.attempts", 2, 0, 10));
        ErrorAssert.None(_errors);
    }

    [Fact]
    public void Choice_WhenCamelCaseName_ReturnsTheValue()
    {
        Assert.Equal(LoadBalancingPolicy.RoundRobin, new DocumentReader(_errors).Choice("roundRobin", "loadBalancing", LoadBalancingPolicy.Random));
        ErrorAssert.None(_errors);
    }

    [Fact]
    public void Choice_WhenNotAName_ListsTheAllowedNames()
    {
        Assert.Equal(LoadBalancingPolicy.Random, new DocumentReader(_errors).Choice("RoundRobin", "loadBalancing", LoadBalancingPolicy.Random));
        ErrorAssert.Only(_errors, "loadBalancing", "must be one of leastRequests | powerOfTwoChoices | random | roundRobin");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Required_WhenMissing_RecordsIsRequired(string? value)
    {
        Assert.Equal(string.Empty, new DocumentReader(_errors).Required(value, "address"));
        ErrorAssert.Only(_errors, "address", "is required");
    }

    [Fact]
    public void Required_WhenPresent_ReturnsIt()
    {
        Assert.Equal("x", new DocumentReader(_errors).Required("x", "address"));
        ErrorAssert.None(_errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ServiceReference_WhenMissing_RecordsIsRequired(string? service)
    {
        new DocumentReader(_errors).ServiceReference(service, "mirror.service");
        ErrorAssert.Only(_errors, "mirror.service", "is required");
    }

    [Fact]
    public void ServiceReference_WhenNotADnsLabel_RecordsTheNameRule()
    {
        new DocumentReader(_errors).ServiceReference("Orders", "mirror.service");
        ErrorAssert.Only(_errors, "mirror.service", ResourceNames.NameRule);
    }

    [Fact]
    public void ServiceReference_WhenGood_RecordsNothing()
    {
        new DocumentReader(_errors).ServiceReference("orders-v2", "mirror.service");
        ErrorAssert.None(_errors);
    }
}
