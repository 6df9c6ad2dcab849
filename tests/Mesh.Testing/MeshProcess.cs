using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Mesh.Testing;

/// <summary>
/// A Mesh program started as a real process. Its output is kept for failure messages; disposing
/// kills it (and anything it started) whether the test passed or not.
/// </summary>
public sealed partial class MeshProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;
    private static readonly TimeSpan ReadinessPace = TimeSpan.FromMilliseconds(100);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MeshProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's id of the process, for <c>/proc/{id}</c>.</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>The process's resident set (VmRSS of /proc/{pid}/status), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            foreach (var line in File.ReadLines($"/proc/{Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }

            throw new InvalidOperationException($"no VmRSS in /proc/{Id}/status");
        }
    }

    public static MeshProcess Start(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
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

        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Mesh"] = "Information";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new MeshProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it answers 2xx; fails with the program's own output, naming it as
    /// <paramref name="what"/>, if it exits first or the deadline passes.
    /// </summary>
    /// <param name="http2">Ask with HTTP/2 prior knowledge (an app that speaks nothing else).</param>
    public async Task WaitUntilAnswersAsync(Uri url, string what, TimeSpan deadline, bool http2 = false)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{what} exited with {ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (http2)
                {
                    request.Version = System.Net.HttpVersion.Version20;
                    request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
                }

                using var response = await probe.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(ReadinessPace);
        }

        throw new TimeoutException($"{what} was not ready in time:\n{Output}");
    }

    /// <summary>SIGTERM, as an orchestrator stops a process, then waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        try
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            KillNow();
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void KillNow()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>
    /// SIGSTOP until the result is disposed (SIGCONT): the process keeps its sockets open but answers nothing,
    /// like a silo in a long pause. Killing the process also ends a pause a failed test left behind.
    /// </summary>
    public IDisposable Pause()
    {
        if (Kill(_process.Id, SigStop) != 0)
        {
            throw new InvalidOperationException($"SIGSTOP to {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return new Paused(_process.Id);
    }

    public ValueTask DisposeAsync()
    {
        KillNow();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private sealed class Paused(int pid) : IDisposable
    {
        private int _resumed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _resumed, 1) == 0)
            {
                _ = Kill(pid, SigCont);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
