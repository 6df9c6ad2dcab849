namespace Mesh.Testing;

/// <summary>Samples processes' resident memory in the background while something runs, keeping each one's peak.</summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly IReadOnlyList<MeshProcess> _processes;
    private readonly long[] _baseline;
    private readonly long[] _peak;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private PeakMemory(IReadOnlyList<MeshProcess> processes)
    {
        _processes = processes;
        _baseline = [.. processes.Select(p => p.ResidentBytes)];
        _peak = [.. _baseline];
        _sampling = Task.Run(SampleAsync);
    }

    public static PeakMemory Watch(params MeshProcess[] processes) => new(processes);

    /// <summary>How far each process's resident memory rose above what it was when watching began, at its peak.</summary>
    public async Task<IReadOnlyList<long>> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return [.. _peak.Select((peak, i) => peak - _baseline[i])];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            for (var i = 0; i < _processes.Count; i++)
            {
                _peak[i] = Math.Max(_peak[i], _processes[i].ResidentBytes);
            }

            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
