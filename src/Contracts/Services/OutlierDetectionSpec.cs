namespace Mesh.Contracts.Services;

[GenerateSerializer, Immutable, Alias("mesh.outlier-detection-spec")]
public sealed record OutlierDetectionSpec(
    [property: Id(0)] int ConsecutiveFailures,
    [property: Id(1)] TimeSpan BaseEjection,
    [property: Id(2)] int MaxEjectionPercent)
{
    public static OutlierDetectionSpec Default { get; } = new(5, TimeSpan.FromSeconds(30), 50);
}
