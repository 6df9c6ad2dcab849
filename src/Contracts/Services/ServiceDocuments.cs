using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Services;

/// <summary>Maps between <see cref="ServiceDocument"/> and <see cref="ServiceSpec"/>.</summary>
public static class ServiceDocuments
{
    public const int MaxRetryAttempts = 10;

    public static ServiceSpec Parse(ServiceDocument document, ValidationErrors errors)
    {
        var read = new DocumentReader(errors);
        var defaults = ServiceSpec.Default;
        return new ServiceSpec(
            read.Choice(document.LoadBalancing, "loadBalancing", defaults.LoadBalancing),
            read.Duration(document.Timeout, "timeout", defaults.Timeout),
            ParseRetry(document.Retry, read),
            ParseHealthCheck(document.HealthCheck, read),
            ParseOutlierDetection(document.OutlierDetection, read),
            ParseCircuitBreaker(document.CircuitBreaker, read))
        {
            Protocol = read.Choice(document.Protocol, "protocol", ServiceProtocol.Http1),
        };
    }

    public static ServiceDocument From(string name, ServiceSpec spec) => new()
    {
        Name = name,
        Protocol = EnumNames<ServiceProtocol>.Name(spec.Protocol),
        LoadBalancing = EnumNames<LoadBalancingPolicy>.Name(spec.LoadBalancing),
        Timeout = Duration.Format(spec.Timeout),
        Retry = new RetryDocument { Attempts = spec.Retry.Attempts, On = spec.Retry.On, BudgetPercent = spec.Retry.BudgetPercent },
        HealthCheck = HealthCheckFrom(spec.HealthCheck),
        OutlierDetection = new OutlierDetectionDocument
        {
            ConsecutiveFailures = spec.OutlierDetection.ConsecutiveFailures,
            BaseEjection = Duration.Format(spec.OutlierDetection.BaseEjection),
            MaxEjectionPercent = spec.OutlierDetection.MaxEjectionPercent,
        },
        CircuitBreaker = new CircuitBreakerDocument
        {
            FailureRatio = spec.CircuitBreaker.FailureRatio,
            MinimumThroughput = spec.CircuitBreaker.MinimumThroughput,
            Window = Duration.Format(spec.CircuitBreaker.Window),
            BreakDuration = Duration.Format(spec.CircuitBreaker.BreakDuration),
            HalfOpenProbes = spec.CircuitBreaker.HalfOpenProbes,
        },
    };

    private static RetrySpec ParseRetry(RetryDocument? document, DocumentReader read)
    {
        var defaults = RetrySpec.Default;
        if (document is null)
        {
            return defaults;
        }

        var on = defaults.On;
        if (document.On is not null)
        {
            for (var i = 0; i < document.On.Count; i++)
            {
                if (document.On[i] is < 400 or > 599)
                {
                    read.Errors.Add(FieldPath.Index("retry.on", i), "must be an HTTP error status between 400 and 599");
                }
            }

            on = [.. document.On.Distinct().Order()];
        }

        return new RetrySpec(
            read.Number(document.Attempts, "retry.attempts", defaults.Attempts, 0, MaxRetryAttempts),
            on,
            read.Number(document.BudgetPercent, "retry.budgetPercent", defaults.BudgetPercent, 0, 100));
    }

    private static HealthCheckDocument HealthCheckFrom(HealthCheckSpec spec)
    {
        var http = spec.Protocol == HealthCheckProtocol.Http;
        return new HealthCheckDocument
        {
            Enabled = spec.Enabled,
            Protocol = EnumNames<HealthCheckProtocol>.Name(spec.Protocol),
            Path = http ? spec.Path : null,
            ExpectedStatuses = http ? [spec.ExpectedStatusMin, spec.ExpectedStatusMax] : null,
            Interval = Duration.Format(spec.Interval),
            Timeout = Duration.Format(spec.Timeout),
            UnhealthyThreshold = spec.UnhealthyThreshold,
            HealthyThreshold = spec.HealthyThreshold,
        };
    }

    private static HealthCheckSpec ParseHealthCheck(HealthCheckDocument? document, DocumentReader read)
    {
        var defaults = HealthCheckSpec.Default;
        if (document is null)
        {
            return defaults;
        }

        var protocol = read.Choice(document.Protocol, "healthCheck.protocol", defaults.Protocol);
        var http = protocol == HealthCheckProtocol.Http;
        var path = document.Path ?? defaults.Path;
        if (!http && document.Path is not null)
        {
            read.Errors.Add("healthCheck.path", "applies only to protocol http");
        }
        else if (!path.StartsWith('/') || path.Any(char.IsWhiteSpace))
        {
            read.Errors.Add("healthCheck.path", "must be an absolute path starting with '/' and without spaces");
        }

        var (statusMin, statusMax) = ParseExpectedStatuses(document.ExpectedStatuses, http, read);
        var interval = read.Duration(document.Interval, "healthCheck.interval", defaults.Interval);
        // Given only an interval shorter than the default timeout, probes time out at the interval.
        var timeout = read.Duration(document.Timeout, "healthCheck.timeout", defaults.Timeout < interval ? defaults.Timeout : interval);
        if (timeout > interval)
        {
            read.Errors.Add("healthCheck.timeout", "must not be longer than healthCheck.interval");
        }

        return new HealthCheckSpec(
            http ? path : defaults.Path,
            interval,
            timeout,
            read.Number(document.UnhealthyThreshold, "healthCheck.unhealthyThreshold", defaults.UnhealthyThreshold, 1, 100),
            read.Number(document.HealthyThreshold, "healthCheck.healthyThreshold", defaults.HealthyThreshold, 1, 100),
            document.Enabled ?? defaults.Enabled,
            protocol,
            statusMin,
            statusMax);
    }

    private static (int Min, int Max) ParseExpectedStatuses(IReadOnlyList<int>? statuses, bool http, DocumentReader read)
    {
        const string Field = "healthCheck.expectedStatuses";
        var defaults = (HealthCheckSpec.DefaultExpectedStatusMin, HealthCheckSpec.DefaultExpectedStatusMax);
        if (statuses is null)
        {
            return defaults;
        }

        if (!http)
        {
            read.Errors.Add(Field, "applies only to protocol http");
            return defaults;
        }

        if (statuses.Count != 2 || statuses.Any(s => s is < 100 or > 599) || statuses[0] > statuses[1])
        {
            read.Errors.Add(Field, "must be an inclusive range of two HTTP statuses, lowest first, such as [200, 399]");
            return defaults;
        }

        return (statuses[0], statuses[1]);
    }

    private static OutlierDetectionSpec ParseOutlierDetection(OutlierDetectionDocument? document, DocumentReader read)
    {
        var defaults = OutlierDetectionSpec.Default;
        return document is null
            ? defaults
            : new OutlierDetectionSpec(
                read.Number(document.ConsecutiveFailures, "outlierDetection.consecutiveFailures", defaults.ConsecutiveFailures, 1, 1000),
                read.Duration(document.BaseEjection, "outlierDetection.baseEjection", defaults.BaseEjection),
                read.Number(document.MaxEjectionPercent, "outlierDetection.maxEjectionPercent", defaults.MaxEjectionPercent, 0, 100));
    }

    private static CircuitBreakerSpec ParseCircuitBreaker(CircuitBreakerDocument? document, DocumentReader read)
    {
        var defaults = CircuitBreakerSpec.Default;
        if (document is null)
        {
            return defaults;
        }

        var ratio = document.FailureRatio ?? defaults.FailureRatio;
        if (double.IsNaN(ratio) || ratio <= 0 || ratio > 1)
        {
            read.Errors.Add("circuitBreaker.failureRatio", "must be greater than 0 and at most 1");
            ratio = defaults.FailureRatio;
        }

        return new CircuitBreakerSpec(
            ratio,
            read.Number(document.MinimumThroughput, "circuitBreaker.minimumThroughput", defaults.MinimumThroughput, 1, 1_000_000),
            read.Duration(document.Window, "circuitBreaker.window", defaults.Window),
            read.Duration(document.BreakDuration, "circuitBreaker.breakDuration", defaults.BreakDuration),
            read.Number(document.HalfOpenProbes, "circuitBreaker.halfOpenProbes", defaults.HalfOpenProbes, 1, 1000));
    }
}
