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
            ParseCircuitBreaker(document.CircuitBreaker, read));
    }

    public static ServiceDocument From(string name, ServiceSpec spec) => new()
    {
        Name = name,
        LoadBalancing = EnumNames<LoadBalancingPolicy>.Name(spec.LoadBalancing),
        Timeout = Duration.Format(spec.Timeout),
        Retry = new RetryDocument { Attempts = spec.Retry.Attempts, On = spec.Retry.On, BudgetPercent = spec.Retry.BudgetPercent },
        HealthCheck = new HealthCheckDocument
        {
            Path = spec.HealthCheck.Path,
            Interval = Duration.Format(spec.HealthCheck.Interval),
            Timeout = Duration.Format(spec.HealthCheck.Timeout),
            UnhealthyThreshold = spec.HealthCheck.UnhealthyThreshold,
            HealthyThreshold = spec.HealthCheck.HealthyThreshold,
        },
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

    private static HealthCheckSpec ParseHealthCheck(HealthCheckDocument? document, DocumentReader read)
    {
        var defaults = HealthCheckSpec.Default;
        if (document is null)
        {
            return defaults;
        }

        var path = document.Path ?? defaults.Path;
        if (!path.StartsWith('/') || path.Any(char.IsWhiteSpace))
        {
            read.Errors.Add("healthCheck.path", "must be an absolute path starting with '/' and without spaces");
        }

        var interval = read.Duration(document.Interval, "healthCheck.interval", defaults.Interval);
        // Given only an interval shorter than the default timeout, probes time out at the interval.
        var timeout = read.Duration(document.Timeout, "healthCheck.timeout", defaults.Timeout < interval ? defaults.Timeout : interval);
        if (timeout > interval)
        {
            read.Errors.Add("healthCheck.timeout", "must not be longer than healthCheck.interval");
        }

        return new HealthCheckSpec(
            path,
            interval,
            timeout,
            read.Number(document.UnhealthyThreshold, "healthCheck.unhealthyThreshold", defaults.UnhealthyThreshold, 1, 100),
            read.Number(document.HealthyThreshold, "healthCheck.healthyThreshold", defaults.HealthyThreshold, 1, 100));
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
