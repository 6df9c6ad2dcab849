namespace Mesh.Contracts.Analytics;

/// <summary>
/// What one key (a route, a service, a consumer, a caller's calls to a service) served in one minute, from one proxy
/// or merged from many: counts by status class, bytes and the latency distribution. Figures add up exactly.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.minute-figures")]
public sealed record MinuteFigures(
    [property: Id(0)] long Minute,
    [property: Id(1)] long Requests,
    [property: Id(2)] long Status2xx,
    [property: Id(3)] long Status3xx,
    [property: Id(4)] long Status4xx,
    [property: Id(5)] long Status5xx,
    [property: Id(6)] long BytesIn,
    [property: Id(7)] long BytesOut,
    [property: Id(8)] LatencySketch Latency)
{
    private const long MillisecondsPerMinute = 60_000;

    /// <summary>Minutes since the Unix epoch: the one clock proxies and silos bucket by.</summary>
    public static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / MillisecondsPerMinute;

    public static DateTimeOffset StartOf(long minute) => DateTimeOffset.FromUnixTimeMilliseconds(minute * MillisecondsPerMinute);

    public static MinuteFigures Empty(long minute) => new(minute, 0, 0, 0, 0, 0, 0, 0, LatencySketch.Empty);

    /// <summary>Both added together, kept under this one's minute.</summary>
    public MinuteFigures Add(MinuteFigures other) => new(
        Minute,
        Requests + other.Requests,
        Status2xx + other.Status2xx,
        Status3xx + other.Status3xx,
        Status4xx + other.Status4xx,
        Status5xx + other.Status5xx,
        BytesIn + other.BytesIn,
        BytesOut + other.BytesOut,
        Latency.Merge(other.Latency));
}
