using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mesh.Deploy.Tests.Harness;

/// <summary>
/// Steady client traffic through the edge: a few workers, each sending one GET after another with a short
/// pause, counting every answer that is not a 200. Bounded in time; stops on dispose.
/// </summary>
public sealed class EdgeTraffic : IAsyncDisposable
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new(MaxDuration);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task[] _workers;
    private readonly HttpClient _http;
    private long _succeeded;

    private EdgeTraffic(Uri target, int workers)
    {
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunAsync(target))).ToArray();
    }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public int Failed => _failures.Count;

    public IReadOnlyCollection<string> Failures => _failures;

    public static EdgeTraffic Start(Uri target, int workers = 2) => new(target, workers);

    /// <summary>Waits until <paramref name="count"/> more requests have succeeded than had when called.</summary>
    public async Task WaitForMoreSuccessesAsync(int count, TimeSpan? deadline = null)
    {
        var target = Succeeded + count;
        var until = Stopwatch.StartNew();
        while (Succeeded < target)
        {
            if (until.Elapsed > (deadline ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"edge traffic: {Succeeded}/{target} successes; failures: {Describe()}");
            }

            await Task.Delay(50);
        }
    }

    public string Describe() => $"{Succeeded} succeeded, {Failed} failed{(Failed > 0 ? ": " + string.Join("; ", _failures.Take(5)) : "")}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(Uri target)
    {
        while (!_stop.IsCancellationRequested)
        {
            var sent = DateTime.UtcNow;
            try
            {
                using var response = await _http.GetAsync(target, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _succeeded);
                }
                else
                {
                    _failures.Enqueue($"{sent:HH:mm:ss.fff} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _failures.Enqueue($"{sent:HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
            }

            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
