namespace Mesh.Proxy.Hosting;

/// <summary>
/// A file beside the snapshot written whole or not at all: a temporary file, flushed to disk, then renamed over
/// the old one, so a crash mid-write never leaves a torn file to load. A secret one (keys) is readable by the
/// proxy's user only from the moment it exists.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, bool secret, Action<FileStream> write)
    {
        var temporary = TemporaryFor(path);
        try
        {
            using (var file = new FileStream(temporary, Create(secret)))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static async Task WriteAsync(string path, bool secret, Func<FileStream, Task> write)
    {
        var temporary = TemporaryFor(path);
        try
        {
            await using (var file = new FileStream(temporary, Create(secret)))
            {
                await write(file);
                await file.FlushAsync();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string TemporaryFor(string path) => path + ".tmp-" + Environment.ProcessId;

    private static FileStreamOptions Create(bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
