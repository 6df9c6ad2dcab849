using System.Collections.Concurrent;
using System.Net;

namespace Mesh.Testing;

/// <summary>
/// Paced GET requests from a few workers until stopped, keeping every answer that was not a 200
/// (and every request that failed outright): the load under which "no request fails" is proved.
/// </summary>
public sealed class SteadyTraffic : IAsyncDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task[] _workers;
    private int _sent;

    private SteadyTraffic(HttpClient http, string path, int workers)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunAsync(http, path)))];
    }

    /// <summary>Requests answered so far, failed or not.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>One line per failed request: when, and the status and body or the error.</summary>
    public IReadOnlyCollection<string> Failures => [.. _failures];

    public static SteadyTraffic Start(HttpClient http, string path, int workers = 4) => new(http, path, workers);

    /// <summary>Stops sending; requests in flight are allowed to finish and count.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(HttpClient http, string path)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Not cancelled by _stop: a request in flight when the traffic stops still has to succeed.
                using var response = await http.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
            }

            Interlocked.Increment(ref _sent);
            try
            {
                await Task.Delay(Pace, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
