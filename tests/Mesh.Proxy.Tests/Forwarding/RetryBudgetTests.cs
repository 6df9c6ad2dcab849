using Mesh.Proxy.Forwarding;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Proxy.Tests.Forwarding;

public sealed class RetryBudgetTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void TryAcquire_AtLowTraffic_AllowsTheMinimumThenRefuses()
    {
        var budget = new RetryBudget(_time);
        budget.RecordRequest("orders");

        var granted = Enumerable.Range(0, 10).Count(_ => budget.TryAcquire("orders", 20));

        Assert.Equal(RetryBudget.MinimumRetriesPerWindow, granted);
    }

    [Fact]
    public void TryAcquire_AtHighTraffic_CapsRetriesAtThePercentOfRequests()
    {
        var budget = new RetryBudget(_time);
        for (var i = 0; i < 1000; i++)
        {
            budget.RecordRequest("orders");
        }

        var granted = Enumerable.Range(0, 1000).Count(_ => budget.TryAcquire("orders", 20));

        Assert.Equal(200, granted);
    }

    [Fact]
    public void TryAcquire_AfterTheWindowPasses_GrantsAgain()
    {
        var budget = new RetryBudget(_time);
        while (budget.TryAcquire("orders", 20))
        {
        }

        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.True(budget.TryAcquire("orders", 20));
    }

    [Fact]
    public void TryAcquire_KeepsServicesApart()
    {
        var budget = new RetryBudget(_time);
        while (budget.TryAcquire("orders", 0))
        {
        }

        Assert.True(budget.TryAcquire("inventory", 0));
        Assert.False(budget.TryAcquire("orders", 0));
    }
}
