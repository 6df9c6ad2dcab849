using System.Text.Json;
using Mesh.Contracts.Catalog;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Catalog;

/// <summary>
/// The last applied snapshot on disk (<c>Mesh:Proxy:SnapshotPath</c>), written atomically (<see cref="AtomicFile"/>).
/// </summary>
internal sealed partial class SnapshotFile(IOptions<ProxyOptions> options, ILogger<SnapshotFile> logger) : IDisposable
{
    private readonly string? _path = options.Value.SnapshotPath is { Length: > 0 } path ? Path.GetFullPath(path) : null;
    private readonly SemaphoreSlim _writing = new(1, 1);

    public CatalogSnapshot? Load()
    {
        if (_path is null || !File.Exists(_path))
        {
            return null;
        }

        try
        {
            using var file = File.OpenRead(_path);
            var snapshot = JsonSerializer.Deserialize<CatalogSnapshot>(file, SnapshotJson.Options);
            if (snapshot is not null)
            {
                LogLoaded(_path, snapshot.Version);
            }

            return snapshot;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LogUnreadable(_path, e);
            return null;
        }
    }

    public async Task SaveAsync(CatalogSnapshot snapshot)
    {
        if (_path is null)
        {
            return;
        }

        await _writing.WaitAsync();
        try
        {
            await AtomicFile.WriteAsync(_path, secret: false, file => JsonSerializer.SerializeAsync(file, snapshot, SnapshotJson.Options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(_path, e);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded snapshot version {Version} from {Path}")]
    private partial void LogLoaded(string path, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot file {Path} could not be read; starting without it")]
    private partial void LogUnreadable(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot file {Path} could not be written")]
    private partial void LogWriteFailed(string path, Exception exception);
}
