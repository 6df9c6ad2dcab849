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

    [Fact]
    public void Parse_WhenNothingNewIsGiven_IsAnEnabledHttpCheckOf200To399()
    {
        var (health, errors) = Parse(new HealthCheckDocument { Path = "/ready" });

        ErrorAssert.None(errors);
        Assert.True(health.Enabled);
        Assert.Equal(HealthCheckProtocol.Http, health.Protocol);
        Assert.Equal((200, 399), (health.ExpectedStatusMin, health.ExpectedStatusMax));
    }

    [Fact]
    public void Parse_WhenEnabledIsFalse_SwitchesTheCheckOff()
    {
        var (health, errors) = Parse(new HealthCheckDocument { Enabled = false });

        ErrorAssert.None(errors);
        Assert.False(health.Enabled);
    }

    [Theory]
    [InlineData("http", HealthCheckProtocol.Http)]
    [InlineData("grpc", HealthCheckProtocol.Grpc)]
    [InlineData("tcp", HealthCheckProtocol.Tcp)]
    public void Parse_WhenProtocolIsKnown_UsesIt(string protocol, HealthCheckProtocol expected)
    {
        var (health, errors) = Parse(new HealthCheckDocument { Protocol = protocol });

        ErrorAssert.None(errors);
        Assert.Equal(expected, health.Protocol);
    }

    [Fact]
    public void Parse_WhenProtocolIsUnknown_NamesHealthCheckProtocol()
    {
        var (_, errors) = Parse(new HealthCheckDocument { Protocol = "udp" });

        ErrorAssert.Only(errors, "healthCheck.protocol", "must be one of grpc | http | tcp");
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("grpc")]
    public void Parse_WhenAPathOrStatusesAreGivenForAProtocolOtherThanHttp_NamesThem(string protocol)
    {
        var (_, errors) = Parse(new HealthCheckDocument { Protocol = protocol, Path = "/healthz", ExpectedStatuses = [200, 299] });

        ErrorAssert.Keys(errors, "healthCheck.path", "healthCheck.expectedStatuses");
        Assert.Equal(["applies only to protocol http"], errors.ToDictionary()["healthCheck.path"]);
    }

    [Theory]
    [InlineData(200, 399)]
    [InlineData(200, 426)]
    [InlineData(204, 204)]
    [InlineData(100, 599)]
    public void Parse_WhenExpectedStatusesAreAnInclusiveRange_UsesIt(int min, int max)
    {
        var (health, errors) = Parse(new HealthCheckDocument { ExpectedStatuses = [min, max] });

        ErrorAssert.None(errors);
        Assert.Equal((min, max), (health.ExpectedStatusMin, health.ExpectedStatusMax));
        Assert.True(health.Expects(min) && health.Expects(max));
        Assert.False(health.Expects(min - 1) || health.Expects(max + 1));
    }

    [Theory]
    [InlineData(new[] { 200 })]
    [InlineData(new[] { 200, 300, 400 })]
    [InlineData(new[] { 399, 200 })]
    [InlineData(new[] { 99, 200 })]
    [InlineData(new[] { 200, 600 })]
    public void Parse_WhenExpectedStatusesAreNotARange_NamesThem(int[] statuses)
    {
        var (health, errors) = Parse(new HealthCheckDocument { ExpectedStatuses = statuses });

        ErrorAssert.Only(errors, "healthCheck.expectedStatuses", "must be an inclusive range of two HTTP statuses, lowest first, such as [200, 399]");
        Assert.Equal((200, 399), (health.ExpectedStatusMin, health.ExpectedStatusMax));
    }

    [Fact]
    public void Spec_StoredBeforeTheNewFieldsExisted_ReadsBackAsAnEnabledHttpCheck()
    {
        // Grain storage keeps specs as System.Text.Json; rows written before enabled/protocol/expected statuses lack them.
        var stored = """{ "Path": "/healthz", "Interval": "00:00:05", "Timeout": "00:00:02", "UnhealthyThreshold": 2, "HealthyThreshold": 1 }""";

        var read = System.Text.Json.JsonSerializer.Deserialize<HealthCheckSpec>(stored);

        Assert.Equal(HealthCheckSpec.Default, read);
    }

    private static (HealthCheckSpec Health, ValidationErrors Errors) Parse(HealthCheckDocument healthCheck)
    {
        var errors = new ValidationErrors();
        return (ServiceDocuments.Parse(new ServiceDocument { HealthCheck = healthCheck }, errors).HealthCheck, errors);
    }
}
