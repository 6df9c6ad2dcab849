using System.Net.Security;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.Identity;

/// <summary>
/// The outbound mTLS connections by the serial of the server certificate they were made with. When a
/// snapshot revokes a serial, its connections are closed: pooled connections would otherwise keep talking to
/// a revoked server until they idle out. The next request makes a new connection, whose handshake the
/// revocation then refuses.
/// </summary>
internal sealed partial class ServerConnections : IDisposable
{
    // Touched once per handshake and once per snapshot: a lock costs nothing here and keeps the two apart.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<WeakReference<SslStream>>> _bySerial = new(StringComparer.Ordinal);
    private readonly SnapshotApplier _applier;
    private readonly ILogger<ServerConnections> _logger;

    public ServerConnections(SnapshotApplier applier, ILogger<ServerConnections> logger)
    {
        _applier = applier;
        _logger = logger;
        _applier.Changed += CloseRevoked;
    }

    public void Opened(string serial, SslStream connection)
    {
        lock (_gate)
        {
            if (!_bySerial.TryGetValue(serial, out var connections))
            {
                _bySerial[serial] = connections = [];
            }

            connections.RemoveAll(c => !c.TryGetTarget(out _));
            connections.Add(new WeakReference<SslStream>(connection));
        }
    }

    public void Dispose() => _applier.Changed -= CloseRevoked;

    private void CloseRevoked()
    {
        var revoked = _applier.Current.Snapshot.RevokedSerials;
        var toClose = new List<(string Serial, List<WeakReference<SslStream>> Connections)>();
        lock (_gate)
        {
            foreach (var (serial, connections) in _bySerial)
            {
                connections.RemoveAll(c => !c.TryGetTarget(out _));
                if (revoked.Contains(serial))
                {
                    toClose.Add((serial, connections));
                }
            }

            foreach (var serial in _bySerial.Where(e => e.Value.Count == 0).Select(e => e.Key).Concat(toClose.Select(c => c.Serial)).ToList())
            {
                _bySerial.Remove(serial);
            }
        }

        foreach (var (serial, connections) in toClose)
        {
            var closed = 0;
            foreach (var reference in connections)
            {
                if (reference.TryGetTarget(out var connection))
                {
                    connection.Dispose();
                    closed++;
                }
            }

            LogClosed(serial, closed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed {Count} connections to servers presenting revoked certificate {Serial}")]
    private partial void LogClosed(string serial, int count);
}
