using System.Diagnostics;

namespace Mesh.Bench.Measurement;

/// <summary>Monotonic milliseconds (Stopwatch), the one time base of every measurement here.</summary>
internal static class Clock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static double NowMs => Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;
}
