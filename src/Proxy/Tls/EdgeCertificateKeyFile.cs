using System.Text.Json;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Tls;

/// <summary>
/// The private keys of the edge certificates in use, by certificate fingerprint, kept beside the snapshot file
/// (<c>{Mesh:Proxy:SnapshotPath}.keys.json</c>, readable by the proxy's user only): an edge restarted while the
/// control plane is away still terminates TLS with the certificates its snapshot holds. Without a snapshot path
/// nothing is kept.
/// </summary>
internal sealed partial class EdgeCertificateKeyFile(IOptions<ProxyOptions> options, ILogger<EdgeCertificateKeyFile> logger)
{
    private readonly string? _path = options.Value.SnapshotPath is { Length: > 0 } path ? Path.GetFullPath(path) + ".keys.json" : null;

    public Dictionary<string, string> Load()
    {
        if (_path is null || !File.Exists(_path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_path)) ?? [];
            return new(keys, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(_path, e.Message);
            return new(StringComparer.Ordinal);
        }
    }

    public void Save(IReadOnlyDictionary<string, string> keys)
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            AtomicFile.Write(_path, secret: true, file => JsonSerializer.Serialize(file, keys));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(_path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate key file {Path} could not be read ({Reason}); waiting for the control plane")]
    private partial void LogUnreadable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate key file {Path} could not be written ({Reason})")]
    private partial void LogWriteFailed(string path, string reason);
}
