namespace Mesh.Contracts.Services;

/// <summary>
/// How each endpoint of a service is probed, once for the whole mesh. The members added after the first
/// release carry defaults, so a spec stored before them reads back as an enabled HTTP check of 200-399.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.health-check-spec")]
public sealed record HealthCheckSpec(
    [property: Id(0)] string Path,
    [property: Id(1)] TimeSpan Interval,
    [property: Id(2)] TimeSpan Timeout,
    [property: Id(3)] int UnhealthyThreshold,
    [property: Id(4)] int HealthyThreshold,
    [property: Id(5)] bool Enabled = true,
    [property: Id(6)] HealthCheckProtocol Protocol = HealthCheckProtocol.Http,
    [property: Id(7)] int ExpectedStatusMin = HealthCheckSpec.DefaultExpectedStatusMin,
    [property: Id(8)] int ExpectedStatusMax = HealthCheckSpec.DefaultExpectedStatusMax)
{
    public const int DefaultExpectedStatusMin = 200;
    public const int DefaultExpectedStatusMax = 399;

    public static HealthCheckSpec Default { get; } =
        new("/healthz", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 2, 1);

    public bool Expects(int status) => status >= ExpectedStatusMin && status <= ExpectedStatusMax;
}
