using Mesh.Contracts.Analytics;

namespace Mesh.Proxy.Analytics;

/// <summary>
/// One key's figures for one minute on this proxy. A short lock with plain adds costs less on the request path than an
/// atomic per field, and lets <see cref="Take"/> hand over a consistent set: nothing is counted twice or lost.
/// </summary>
internal sealed class MinuteTally(long minute)
{
    private readonly Lock _gate = new();
    private readonly long[] _latency = new long[LatencySketch.MaxBucket + 1];
    private long _requests;
    private long _status2xx;
    private long _status3xx;
    private long _status4xx;
    private long _status5xx;
    private long _bytesIn;
    private long _bytesOut;
    private bool _closed;

    public long Minute { get; } = minute;

    /// <summary>False once the tally is closed: the request belongs in the tally that replaced it.</summary>
    public bool TryAdd(int status, double durationMs, long bytesIn, long bytesOut)
    {
        var bucket = LatencySketch.BucketOf(durationMs);
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _requests++;
            switch (status / 100)
            {
                case 2:
                    _status2xx++;
                    break;
                case 3:
                    _status3xx++;
                    break;
                case 4:
                    _status4xx++;
                    break;
                case 5:
                    _status5xx++;
                    break;
                default:
                    break;
            }

            _bytesIn += bytesIn;
            _bytesOut += bytesOut;
            _latency[bucket]++;
            return true;
        }
    }

    /// <summary>
    /// What was counted since the last take, and a fresh start; null when nothing was. With <paramref name="close"/>,
    /// the last take: later adds are refused.
    /// </summary>
    public MinuteFigures? Take(bool close = false)
    {
        lock (_gate)
        {
            _closed |= close;
            if (_requests == 0)
            {
                return null;
            }

            var figures = new MinuteFigures(Minute, _requests, _status2xx, _status3xx, _status4xx, _status5xx, _bytesIn, _bytesOut, LatencySketch.FromDense(_latency));
            (_requests, _status2xx, _status3xx, _status4xx, _status5xx, _bytesIn, _bytesOut) = (0, 0, 0, 0, 0, 0, 0);
            Array.Clear(_latency);
            return figures;
        }
    }
}
