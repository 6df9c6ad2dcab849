namespace Mesh.Testing.Soak;

/// <summary>
/// One soak run: how long, at what steady rate, whether faults are injected, and where the CSV, the access logs and
/// the summary go. Memory is judged against the reading at <see cref="Baseline"/> (minute 5 of a long run: what
/// the runtime reserved while warming up is not a leak).
/// </summary>
public sealed record SoakPlan(TimeSpan Duration, int RequestsPerSecond, bool Chaos, string OutputDirectory)
{
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The traffic rises linearly to <see cref="RequestsPerSecond"/> over this first part of the run.</summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Baseline { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MeanFaultInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No fault starts in this last stretch of the run, so the last one has recovered while traffic still flows.</summary>
    public TimeSpan QuietEnd { get; init; } = TimeSpan.FromSeconds(20);

    public int Seed { get; init; } = 1;
}
