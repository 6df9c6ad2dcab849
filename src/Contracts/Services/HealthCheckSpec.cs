namespace Mesh.Contracts.Services;

[GenerateSerializer, Immutable, Alias("mesh.health-check-spec")]
public sealed record HealthCheckSpec(
    [property: Id(0)] string Path,
    [property: Id(1)] TimeSpan Interval,
    [property: Id(2)] TimeSpan Timeout,
    [property: Id(3)] int UnhealthyThreshold,
    [property: Id(4)] int HealthyThreshold)
{
    public static HealthCheckSpec Default { get; } =
        new("/healthz", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 2, 1);
}
