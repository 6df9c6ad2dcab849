using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Services;

public sealed class ServiceDocumentsRoundTripTests
{
    [Fact]
    public void From_RendersTheContractShape()
    {
        var document = ServiceDocuments.From("orders", ServiceSpec.Default);

        Assert.Equal("orders", document.Name);
        Assert.Equal("powerOfTwoChoices", document.LoadBalancing);
        Assert.Equal("30s", document.Timeout);
        Assert.Equal([502, 503, 504], document.Retry!.On!);
        Assert.Equal("5s", document.HealthCheck!.Interval);
        Assert.Equal("2s", document.HealthCheck.Timeout);
        Assert.Equal("30s", document.OutlierDetection!.BaseEjection);
        Assert.Equal("10s", document.CircuitBreaker!.Window);
        Assert.Equal("15s", document.CircuitBreaker.BreakDuration);
        Assert.Null(document.Version);
        Assert.Null(document.Endpoints);
    }

    [Theory]
    [InlineData(HealthCheckProtocol.Tcp)]
    [InlineData(HealthCheckProtocol.Grpc)]
    public void From_ThenParse_WhenTheCheckIsNotHttp_LeavesOutPathAndStatuses_AndReturnsAnEqualSpec(HealthCheckProtocol protocol)
    {
        var spec = ServiceSpec.Default with { HealthCheck = HealthCheckSpec.Default with { Protocol = protocol } };

        var document = ServiceDocuments.From("grpc", spec);

        Assert.Null(document.HealthCheck!.Path);
        Assert.Null(document.HealthCheck.ExpectedStatuses);
        AssertRoundTrips(spec);
    }

    [Fact]
    public void From_ThenParse_WhenDefaults_ReturnsAnEqualSpec()
    {
        AssertRoundTrips(ServiceSpec.Default);
    }

    [Fact]
    public void From_ThenParse_WhenEveryFieldDiffersFromTheDefault_ReturnsAnEqualSpec()
    {
        AssertRoundTrips(new ServiceSpec(
            LoadBalancingPolicy.LeastRequests,
            TimeSpan.FromMilliseconds(1_500),
            new RetrySpec(0, [429, 500], 0),
            new HealthCheckSpec("/ready", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), 100, 3, Enabled: false, ExpectedStatusMin: 200, ExpectedStatusMax: 426),
            new OutlierDetectionSpec(1000, TimeSpan.FromHours(1) + TimeSpan.FromMinutes(30), 0),
            new CircuitBreakerSpec(1, 1, TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(2), 1000)));
    }

    /// <remarks>
    /// What the API accepts, it must give back in a form it accepts again with the same meaning
    /// (GET then PUT, or config export then apply). A duration may be refused outright; it may not
    /// be accepted and then rendered as something else.
    /// </remarks>
    [Theory]
    [InlineData("1.5s")]
    [InlineData("90s")]
    [InlineData("1h0m0s")]
    [InlineData("0.043s")]
    [InlineData("0.5ms")]
    [InlineData("1.0005s")]
    public void Parse_WhenTimeoutIsAccepted_SurvivesFromAndParse(string timeout)
    {
        var first = new ValidationErrors();
        var spec = ServiceDocuments.Parse(new ServiceDocument { Timeout = timeout }, first);
        if (!first.IsEmpty)
        {
            ErrorAssert.Keys(first, "timeout");
            return;
        }

        var second = new ValidationErrors();
        var again = ServiceDocuments.Parse(ServiceDocuments.From("orders", spec), second);

        ErrorAssert.None(second);
        Assert.Equal(spec.Timeout, again.Timeout);
    }

    private static void AssertRoundTrips(ServiceSpec spec)
    {
        var errors = new ValidationErrors();
        var parsed = ServiceDocuments.Parse(ServiceDocuments.From("orders", spec), errors);

        ErrorAssert.None(errors);
        StructuralAssert.Equal(spec, parsed);
    }
}
