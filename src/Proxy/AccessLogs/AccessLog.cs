using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.AccessLogs;

/// <summary>
/// Where requests hand their access log entries: a bounded channel that a background writer empties. A request never
/// waits for the log: when the writer falls behind, entries are dropped and counted
/// (<c>mesh_proxy_access_log_dropped_total</c>).
/// </summary>
internal sealed class AccessLog : IRequestRecordSink
{
    public const string Off = "off";
    public const string Stdout = "stdout";

    /// <summary>Entries waiting for the writer; past this they are dropped.</summary>
    public const int Capacity = 16 * 1024;

    private readonly Channel<RequestRecord> _entries = Channel.CreateBounded<RequestRecord>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly Counter<long> _dropped;

    public AccessLog(IOptions<ProxyOptions> options, IMeterFactory meters)
    {
        Target = options.Value.AccessLog;
        Enabled = !string.Equals(Target, Off, StringComparison.OrdinalIgnoreCase);
        _dropped = meters.Create(ProxyMetrics.MeterName).CreateCounter<long>(
            "mesh.proxy.access_log.dropped", description: "Access log entries dropped because the writer fell behind (requests never wait for the log)");
    }

    public bool Enabled { get; }

    public bool ReadsDetail => true;

    /// <summary><c>off</c>, <c>stdout</c> or a file path (<c>Mesh:Proxy:AccessLog</c>).</summary>
    public string Target { get; }

    public ChannelReader<RequestRecord> Reader => _entries.Reader;

    public void Add(RequestRecord record)
    {
        if (!_entries.Writer.TryWrite(record))
        {
            _dropped.Add(1);
        }
    }

    public void Complete() => _entries.Writer.TryComplete();
}
