using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Services;

public sealed class ServiceDocumentsParseTests
{
    private const string LoadBalancingRule = "must be one of leastRequests | powerOfTwoChoices | random | roundRobin";

    [Fact]
    public void Default_IsWhatTheContractShows()
    {
        var spec = ServiceSpec.Default;

        Assert.Equal(LoadBalancingPolicy.PowerOfTwoChoices, spec.LoadBalancing);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Timeout);
        Assert.Equal(2, spec.Retry.Attempts);
        Assert.Equal<int>([502, 503, 504], spec.Retry.On);
        Assert.Equal(20, spec.Retry.BudgetPercent);
        Assert.Equal(new HealthCheckSpec("/healthz", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 2, 1), spec.HealthCheck);
        Assert.Equal(new OutlierDetectionSpec(5, TimeSpan.FromSeconds(30), 50), spec.OutlierDetection);
        Assert.Equal(new CircuitBreakerSpec(0.5, 20, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), 3), spec.CircuitBreaker);
    }

    [Fact]
    public void Parse_WhenEveryFieldIsAbsent_ReturnsTheDefaults()
    {
        var (spec, errors) = Parse(new ServiceDocument());

        ErrorAssert.None(errors);
        StructuralAssert.Equal(ServiceSpec.Default, spec);
    }

    [Fact]
    public void Parse_WhenEverySectionIsEmpty_ReturnsTheDefaults()
    {
        var (spec, errors) = Parse(new ServiceDocument
        {
            Retry = new RetryDocument(),
            HealthCheck = new HealthCheckDocument(),
            OutlierDetection = new OutlierDetectionDocument(),
            CircuitBreaker = new CircuitBreakerDocument(),
        });

        ErrorAssert.None(errors);
        StructuralAssert.Equal(ServiceSpec.Default, spec);
    }

    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<ServiceDocument>("""
            {
              "loadBalancing": "roundRobin",
              "timeout": "10s",
              "retry": { "attempts": 3, "on": [503, 502], "budgetPercent": 10 },
              "healthCheck": { "path": "/ready", "interval": "10s", "timeout": "1s",
                               "unhealthyThreshold": 3, "healthyThreshold": 2 },
              "outlierDetection": { "consecutiveFailures": 7, "baseEjection": "1m", "maxEjectionPercent": 30 },
              "circuitBreaker": { "failureRatio": 0.25, "minimumThroughput": 50, "window": "30s",
                                  "breakDuration": "1m30s", "halfOpenProbes": 1 }
            }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        StructuralAssert.Equal(
            new ServiceSpec(
                LoadBalancingPolicy.RoundRobin,
                TimeSpan.FromSeconds(10),
                new RetrySpec(3, [502, 503], 10),
                new HealthCheckSpec("/ready", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 3, 2),
                new OutlierDetectionSpec(7, TimeSpan.FromMinutes(1), 30),
                new CircuitBreakerSpec(0.25, 50, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), 1)),
            spec);
    }

    [Theory]
    [InlineData("roundRobin", LoadBalancingPolicy.RoundRobin)]
    [InlineData("leastRequests", LoadBalancingPolicy.LeastRequests)]
    [InlineData("powerOfTwoChoices", LoadBalancingPolicy.PowerOfTwoChoices)]
    [InlineData("random", LoadBalancingPolicy.Random)]
    public void Parse_WhenLoadBalancingIsCamelCaseName_UsesIt(string text, LoadBalancingPolicy expected)
    {
        var (spec, errors) = Parse(new ServiceDocument { LoadBalancing = text });

        ErrorAssert.None(errors);
        Assert.Equal(expected, spec.LoadBalancing);
    }

    [Theory]
    [InlineData("RoundRobin")]
    [InlineData("roundrobin")]
    [InlineData("round-robin")]
    [InlineData("leastConnections")]
    [InlineData("")]
    public void Parse_WhenLoadBalancingIsNotAName_NamesLoadBalancing(string text)
    {
        var (spec, errors) = Parse(new ServiceDocument { LoadBalancing = text });

        ErrorAssert.Only(errors, "loadBalancing", LoadBalancingRule);
        Assert.Equal(ServiceSpec.Default.LoadBalancing, spec.LoadBalancing);
    }

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("250ms", 250)]
    [InlineData("2m", 120_000)]
    public void Parse_WhenTimeoutIsADuration_UsesIt(string text, int milliseconds)
    {
        var (spec, errors) = Parse(new ServiceDocument { Timeout = text });

        ErrorAssert.None(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), spec.Timeout);
    }

    [Theory]
    [InlineData("30", Duration.FormatHint)]
    [InlineData("30S", Duration.FormatHint)]
    [InlineData("-1s", Duration.FormatHint)]
    [InlineData("", Duration.FormatHint)]
    [InlineData("0s", "must be greater than zero")]
    public void Parse_WhenTimeoutIsBad_NamesTimeout(string text, string message)
    {
        var (spec, errors) = Parse(new ServiceDocument { Timeout = text });

        ErrorAssert.Only(errors, "timeout", message);
        Assert.Equal(ServiceSpec.Default.Timeout, spec.Timeout);
    }

    [Fact]
    public void Parse_WhenSeveralFieldsAreBad_NamesEachOfThem()
    {
        var (_, errors) = Parse(new ServiceDocument
        {
            LoadBalancing = "RoundRobin",
            Timeout = "soon",
            Retry = new RetryDocument { Attempts = 11, On = [200, 503, 600], BudgetPercent = 101 },
            HealthCheck = new HealthCheckDocument { Path = "healthz", Interval = "1s", Timeout = "2s", UnhealthyThreshold = 0, HealthyThreshold = 1 },
            OutlierDetection = new OutlierDetectionDocument { ConsecutiveFailures = 0, BaseEjection = "0s", MaxEjectionPercent = 101 },
            CircuitBreaker = new CircuitBreakerDocument { FailureRatio = 0, MinimumThroughput = 0, Window = "10", BreakDuration = "15s", HalfOpenProbes = 0 },
        });

        ErrorAssert.Keys(
            errors,
            "loadBalancing",
            "timeout",
            "retry.attempts",
            "retry.on[0]",
            "retry.on[2]",
            "retry.budgetPercent",
            "healthCheck.path",
            "healthCheck.timeout",
            "healthCheck.unhealthyThreshold",
            "outlierDetection.consecutiveFailures",
            "outlierDetection.baseEjection",
            "outlierDetection.maxEjectionPercent",
            "circuitBreaker.failureRatio",
            "circuitBreaker.minimumThroughput",
            "circuitBreaker.window",
            "circuitBreaker.halfOpenProbes");
    }

    [Theory]
    [InlineData(null, ServiceProtocol.Http1)]
    [InlineData("http1", ServiceProtocol.Http1)]
    [InlineData("http2", ServiceProtocol.Http2)]
    [InlineData("grpc", ServiceProtocol.Grpc)]
    public void Parse_ReadsTheProtocol_AndFromWritesItBack(string? protocol, ServiceProtocol expected)
    {
        var (spec, errors) = Parse(new ServiceDocument { Protocol = protocol });

        ErrorAssert.None(errors);
        Assert.Equal(expected, spec.Protocol);
        Assert.Equal(protocol ?? "http1", ServiceDocuments.From("s", spec).Protocol);
    }

    [Fact]
    public void Parse_OfAnUnknownProtocol_NamesTheFieldAndTheChoices()
    {
        var (_, errors) = Parse(new ServiceDocument { Protocol = "h2c" });

        ErrorAssert.Only(errors, "protocol", "must be one of grpc | http1 | http2");
    }

    [Fact]
    public void Parse_IgnoresReadOnlyFields()
    {
        var (spec, errors) = Parse(new ServiceDocument { Name = "Not A Name", Version = -1, Endpoints = [] });

        ErrorAssert.None(errors);
        StructuralAssert.Equal(ServiceSpec.Default, spec);
    }

    private static (ServiceSpec Spec, ValidationErrors Errors) Parse(ServiceDocument document)
    {
        var errors = new ValidationErrors();
        return (ServiceDocuments.Parse(document, errors), errors);
    }
}
