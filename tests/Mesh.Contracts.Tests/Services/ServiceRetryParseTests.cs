using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Services;

public sealed class ServiceRetryParseTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(10)]
    public void Parse_WhenAttemptsIsZeroToTen_UsesIt(int attempts)
    {
        var (retry, errors) = Parse(new RetryDocument { Attempts = attempts });

        ErrorAssert.None(errors);
        Assert.Equal(attempts, retry.Attempts);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MaxValue)]
    public void Parse_WhenAttemptsIsOutOfRange_NamesRetryAttempts(int attempts)
    {
        var (retry, errors) = Parse(new RetryDocument { Attempts = attempts });

        ErrorAssert.Only(errors, "retry.attempts", "must be between 0 and 10");
        Assert.Equal(RetrySpec.Default.Attempts, retry.Attempts);
    }

    [Fact]
    public void Parse_WhenOnHoldsErrorStatuses_SortsAndDeduplicatesThem()
    {
        var (retry, errors) = Parse(new RetryDocument { On = [599, 503, 400, 503] });

        ErrorAssert.None(errors);
        Assert.Equal<int>([400, 503, 599], retry.On);
    }

    [Fact]
    public void Parse_WhenOnHoldsNonErrorStatuses_NamesEachByIndex()
    {
        var (_, errors) = Parse(new RetryDocument { On = [502, 399, 600, 503, 200] });

        ErrorAssert.Keys(errors, "retry.on[1]", "retry.on[2]", "retry.on[4]");
        Assert.Equal(["must be an HTTP error status between 400 and 599"], errors.ToDictionary()["retry.on[1]"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(100)]
    public void Parse_WhenBudgetPercentIsZeroToHundred_UsesIt(int percent)
    {
        var (retry, errors) = Parse(new RetryDocument { BudgetPercent = percent });

        ErrorAssert.None(errors);
        Assert.Equal(percent, retry.BudgetPercent);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Parse_WhenBudgetPercentIsOutOfRange_NamesRetryBudgetPercent(int percent)
    {
        var (_, errors) = Parse(new RetryDocument { BudgetPercent = percent });

        ErrorAssert.Only(errors, "retry.budgetPercent", "must be between 0 and 100");
    }

    [Fact]
    public void Parse_WhenOnlyAttemptsIsGiven_KeepsTheOtherDefaults()
    {
        var (retry, errors) = Parse(new RetryDocument { Attempts = 5 });

        ErrorAssert.None(errors);
        Assert.Equal(5, retry.Attempts);
        Assert.Equal<int>(RetrySpec.Default.On, retry.On);
        Assert.Equal(RetrySpec.Default.BudgetPercent, retry.BudgetPercent);
    }

    private static (RetrySpec Retry, ValidationErrors Errors) Parse(RetryDocument retry)
    {
        var errors = new ValidationErrors();
        return (ServiceDocuments.Parse(new ServiceDocument { Retry = retry }, errors).Retry, errors);
    }
}
