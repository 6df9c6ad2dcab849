namespace Mesh.Bench.Measurement;

/// <summary>
/// Reads the resident memory of some processes every <c>interval</c> in the background and keeps the highest
/// value seen for each; disposing it stops the sampling.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly Dictionary<int, long> _peaks;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _samples;

    private RssSampler(IReadOnlyCollection<int> processIds, TimeSpan interval)
    {
        _peaks = processIds.ToDictionary(id => id, _ => 0L);
        _sampling = SampleAsync(interval);
    }

    /// <summary>How many times every process was read.</summary>
    public int Samples => Volatile.Read(ref _samples);

    public static RssSampler Start(IReadOnlyCollection<int> processIds, TimeSpan interval) => new(processIds, interval);

    /// <summary>The highest resident memory seen for <paramref name="processId"/> so far.</summary>
    public long Peak(int processId)
    {
        lock (_peaks)
        {
            return _peaks[processId];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            lock (_peaks)
            {
                foreach (var id in _peaks.Keys.ToArray())
                {
                    _peaks[id] = Math.Max(_peaks[id], ProcessStats.Rss(id) ?? 0);
                }
            }

            Interlocked.Increment(ref _samples);
        }
        while (await NextTickAsync(timer));
    }

    private async Task<bool> NextTickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
