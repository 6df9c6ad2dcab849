namespace Mesh.Bench.Measurement;

/// <summary>
/// Asks again about every millisecond until the answer is yes: no fixed sleeps, so what is measured is the
/// system's latency plus at most one poll interval and one round trip.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    /// <summary>Returns <see cref="Clock.NowMs"/> when <paramref name="probe"/> first answered true, or null at the deadline.</summary>
    public static async Task<double?> UntilAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = Clock.NowMs + deadline.TotalMilliseconds;
        while (true)
        {
            bool yes;
            try
            {
                yes = await probe(cancellationToken);
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                yes = false;
            }

            var now = Clock.NowMs;
            if (yes)
            {
                return now;
            }

            if (now > until)
            {
                return null;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
