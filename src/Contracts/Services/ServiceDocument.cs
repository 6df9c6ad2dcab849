using Mesh.Contracts.Circuits;
using Mesh.Contracts.Endpoints;

namespace Mesh.Contracts.Services;

/// <summary>The JSON shape of a service in the admin API. Read-only fields are ignored on input.</summary>
public sealed record ServiceDocument
{
    public string? Name { get; init; }

    /// <summary><c>http1</c> (default), <c>http2</c> or <c>grpc</c>.</summary>
    public string? Protocol { get; init; }

    public string? LoadBalancing { get; init; }

    public string? Timeout { get; init; }

    public RetryDocument? Retry { get; init; }

    public HealthCheckDocument? HealthCheck { get; init; }

    public OutlierDetectionDocument? OutlierDetection { get; init; }

    public CircuitBreakerDocument? CircuitBreaker { get; init; }

    public IReadOnlyList<EndpointDocument>? Endpoints { get; init; }

    public CircuitDocument? Circuit { get; init; }

    public long? Version { get; init; }
}

public sealed record RetryDocument
{
    public int? Attempts { get; init; }

    public IReadOnlyList<int>? On { get; init; }

    public int? BudgetPercent { get; init; }
}

public sealed record HealthCheckDocument
{
    public bool? Enabled { get; init; }

    /// <summary><c>http</c> (default), <c>grpc</c> or <c>tcp</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>http only.</summary>
    public string? Path { get; init; }

    /// <summary>http only: the healthy statuses as an inclusive range, <c>[200, 399]</c>.</summary>
    public IReadOnlyList<int>? ExpectedStatuses { get; init; }

    public string? Interval { get; init; }

    public string? Timeout { get; init; }

    public int? UnhealthyThreshold { get; init; }

    public int? HealthyThreshold { get; init; }
}

public sealed record OutlierDetectionDocument
{
    public int? ConsecutiveFailures { get; init; }

    public string? BaseEjection { get; init; }

    public int? MaxEjectionPercent { get; init; }
}

public sealed record CircuitBreakerDocument
{
    public double? FailureRatio { get; init; }

    public int? MinimumThroughput { get; init; }

    public string? Window { get; init; }

    public string? BreakDuration { get; init; }

    public int? HalfOpenProbes { get; init; }
}
