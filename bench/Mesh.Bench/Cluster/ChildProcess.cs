using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mesh.Bench.Cluster;

/// <summary>
/// A program started with <c>dotnet &lt;assembly&gt;</c>. The last lines of its output are kept for error
/// messages; disposing it, or <see cref="KillAll"/> at exit, kills it and everything it started.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private static readonly ConcurrentDictionary<int, ChildProcess> Running = new();

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private int _id;
    private int _lines;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The operating system's id of the process, for <c>/proc/{id}</c>.</summary>
    public int Id => _id;

    public bool HasExited => _process.HasExited;

    /// <summary>How many lines the process has written so far (stdout and stderr).</summary>
    public int Lines
    {
        get
        {
            lock (_tail)
            {
                return _lines;
            }
        }
    }

    public string Tail => string.Join('\n', LastLines(KeptLines));

    /// <summary>
    /// Logs at Warning, as a benchmark should: per-request Information logs would measure the console.
    /// <paramref name="environment"/> is added to (or overrides) the inherited environment.
    /// </summary>
    public static ChildProcess Start(string name, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        child._id = process.Id;
        Running[child._id] = child;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last <paramref name="count"/> lines it wrote (at most the 200 kept).</summary>
    public IReadOnlyList<string> LastLines(int count)
    {
        lock (_tail)
        {
            return _tail.Skip(Math.Max(0, _tail.Count - count)).ToArray();
        }
    }

    /// <summary>Kills every process started here that is still running.</summary>
    public static void KillAll()
    {
        foreach (var child in Running.Values)
        {
            child.Kill();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        Running.TryRemove(new KeyValuePair<int, ChildProcess>(_id, this));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _lines++;
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
