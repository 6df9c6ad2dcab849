using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Services;

public sealed class ServiceHealthCheckParseTests
{
    private const string PathRule = "must be an absolute path starting with '/' and without spaces";

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/ready?full=1")]
    public void Parse_WhenPathStartsWithSlash_UsesIt(string path)
    {
        var (health, errors) = Parse(new HealthCheckDocument { Path = path });

        ErrorAssert.None(errors);
        Assert.Equal(path, health.Path);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("")]
    [InlineData("/health z")]
    [InlineData("http://h/healthz")]
    public void Parse_WhenPathIsNotAbsolute_NamesHealthCheckPath(string path)
    {
        var (_, errors) = Parse(new HealthCheckDocument { Path = path });

        ErrorAssert.Only(errors, "healthCheck.path", PathRule);
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("500ms", 500)]
    [InlineData("10s", 2000)]
    public void Parse_WhenOnlyTheIntervalIsGiven_TimesOutAtTheDefaultOrTheIntervalIfShorter(string interval, int expectedTimeoutMs)
    {
        var (health, errors) = Parse(new HealthCheckDocument { Interval = interval });

        ErrorAssert.None(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedTimeoutMs), health.Timeout);
    }

    [Theory]
    [InlineData("5s", "2s")]
    [InlineData("5s", "5s")]
    [InlineData("1m", "59s")]
    public void Parse_WhenTimeoutIsNotLongerThanInterval_UsesBoth(string interval, string timeout)
    {
        var (health, errors) = Parse(new HealthCheckDocument { Interval = interval, Timeout = timeout });

        ErrorAssert.None(errors);
        Assert.True(Duration.TryParse(interval, out var expectedInterval));
        Assert.True(Duration.TryParse(timeout, out var expectedTimeout));
        Assert.Equal(expectedInterval, health.Interval);
        Assert.Equal(expectedTimeout, health.Timeout);
    }

    [Theory]
    [InlineData("5s", "6s")]
    [InlineData("1s", "1s1ms")]
    public void Parse_WhenTimeoutIsLongerThanInterval_NamesHealthCheckTimeout(string interval, string timeout)
    {
        var (_, errors) = Parse(new HealthCheckDocument { Interval = interval, Timeout = timeout });

        ErrorAssert.Only(errors, "healthCheck.timeout", "must not be longer than healthCheck.interval");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0s")]
    public void Parse_WhenIntervalIsBad_NamesHealthCheckInterval(string interval)
    {
        var (_, errors) = Parse(new HealthCheckDocument { Interval = interval, Timeout = "1s" });

        ErrorAssert.Keys(errors, "healthCheck.interval");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0s")]
    public void Parse_WhenTimeoutIsBad_NamesHealthCheckTimeout(string timeout)
    {
        var (_, errors) = Parse(new HealthCheckDocument { Timeout = timeout });

        ErrorAssert.Keys(errors, "healthCheck.timeout");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Parse_WhenThresholdsAreAtLeastOne_UsesThem(int threshold)
    {
        var (health, errors) = Parse(new HealthCheckDocument { UnhealthyThreshold = threshold, HealthyThreshold = threshold });

        ErrorAssert.None(errors);
        Assert.Equal(threshold, health.UnhealthyThreshold);
        Assert.Equal(threshold, health.HealthyThreshold);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void Parse_WhenThresholdsAreOutOfRange_NamesBoth(int threshold)
    {
        var (health, errors) = Parse(new HealthCheckDocument { UnhealthyThreshold = threshold, HealthyThreshold = threshold });

        ErrorAssert.Keys(errors, "healthCheck.unhealthyThreshold", "healthCheck.healthyThreshold");
        Assert.Equal(["must be between 1 and 100"], errors.ToDictionary()["healthCheck.healthyThreshold"]);
        Assert.Equal(HealthCheckSpec.Default.UnhealthyThreshold, health.UnhealthyThreshold);
        Assert.Equal(HealthCheckSpec.Default.HealthyThreshold, health.HealthyThreshold);
    }

    private static (HealthCheckSpec Health, ValidationErrors Errors) Parse(HealthCheckDocument healthCheck)
    {
        var errors = new ValidationErrors();
        return (ServiceDocuments.Parse(new ServiceDocument { HealthCheck = healthCheck }, errors).HealthCheck, errors);
    }
}
