using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Services;

public sealed class ServiceCircuitBreakerParseTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.001)]
    public void Parse_WhenFailureRatioIsAboveZeroUpToOne_UsesIt(double ratio)
    {
        var (breaker, errors) = Parse(new CircuitBreakerDocument { FailureRatio = ratio });

        ErrorAssert.None(errors);
        Assert.Equal(ratio, breaker.FailureRatio);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Parse_WhenFailureRatioIsOutsideZeroToOne_NamesIt(double ratio)
    {
        var (breaker, errors) = Parse(new CircuitBreakerDocument { FailureRatio = ratio });

        ErrorAssert.Only(errors, "circuitBreaker.failureRatio", "must be greater than 0 and at most 1");
        Assert.Equal(CircuitBreakerSpec.Default.FailureRatio, breaker.FailureRatio);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void Parse_WhenMinimumThroughputIsAtLeastOne_UsesIt(int throughput)
    {
        var (breaker, errors) = Parse(new CircuitBreakerDocument { MinimumThroughput = throughput });

        ErrorAssert.None(errors);
        Assert.Equal(throughput, breaker.MinimumThroughput);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_001)]
    public void Parse_WhenMinimumThroughputIsOutOfRange_NamesIt(int throughput)
    {
        var (_, errors) = Parse(new CircuitBreakerDocument { MinimumThroughput = throughput });

        ErrorAssert.Only(errors, "circuitBreaker.minimumThroughput", "must be between 1 and 1000000");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Parse_WhenHalfOpenProbesIsAtLeastOne_UsesIt(int probes)
    {
        var (breaker, errors) = Parse(new CircuitBreakerDocument { HalfOpenProbes = probes });

        ErrorAssert.None(errors);
        Assert.Equal(probes, breaker.HalfOpenProbes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Parse_WhenHalfOpenProbesIsOutOfRange_NamesIt(int probes)
    {
        var (_, errors) = Parse(new CircuitBreakerDocument { HalfOpenProbes = probes });

        ErrorAssert.Only(errors, "circuitBreaker.halfOpenProbes", "must be between 1 and 1000");
    }

    [Fact]
    public void Parse_WhenWindowAndBreakDurationAreDurations_UsesThem()
    {
        var (breaker, errors) = Parse(new CircuitBreakerDocument { Window = "1m", BreakDuration = "500ms" });

        ErrorAssert.None(errors);
        Assert.Equal(TimeSpan.FromMinutes(1), breaker.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(500), breaker.BreakDuration);
    }

    [Fact]
    public void Parse_WhenWindowAndBreakDurationAreBad_NamesBoth()
    {
        var (_, errors) = Parse(new CircuitBreakerDocument { Window = "10", BreakDuration = "0s" });

        ErrorAssert.Keys(errors, "circuitBreaker.window", "circuitBreaker.breakDuration");
        Assert.Equal([Duration.FormatHint], errors.ToDictionary()["circuitBreaker.window"]);
        Assert.Equal(["must be greater than zero"], errors.ToDictionary()["circuitBreaker.breakDuration"]);
    }

    private static (CircuitBreakerSpec CircuitBreaker, ValidationErrors Errors) Parse(CircuitBreakerDocument circuitBreaker)
    {
        var errors = new ValidationErrors();
        return (ServiceDocuments.Parse(new ServiceDocument { CircuitBreaker = circuitBreaker }, errors).CircuitBreaker, errors);
    }
}
