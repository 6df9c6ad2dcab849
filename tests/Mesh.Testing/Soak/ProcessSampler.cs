using System.Diagnostics;
using System.Globalization;

namespace Mesh.Testing.Soak;

/// <summary>
/// Reads every member of the cluster every interval (from <c>/proc/{pid}</c> and its <c>/metrics</c>) into memory and
/// a CSV file, in the background until disposed. A process that is gone between listing and reading is skipped.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<SoakMember>> _members;
    private readonly Stopwatch _clock;
    private readonly StreamWriter _csv;
    private readonly List<ProcessSample> _samples = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private ProcessSampler(Func<IReadOnlyList<SoakMember>> members, TimeSpan interval, string csvPath, Stopwatch clock)
    {
        _members = members;
        _clock = clock;
        _csv = new StreamWriter(csvPath) { AutoFlush = true };
        _csv.WriteLine(ProcessSample.CsvHeader);
        _sampling = RunAsync(interval);
    }

    public IReadOnlyList<ProcessSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public static ProcessSampler Start(Func<IReadOnlyList<SoakMember>> members, TimeSpan interval, string csvPath, Stopwatch clock) =>
        new(members, interval, csvPath, clock);

    /// <summary>Takes one more reading of every member now (the run's last).</summary>
    public Task SampleNowAsync() => SampleAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        await _csv.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await SampleAsync();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Disposed: the run is over.
        }
    }

    private async Task SampleAsync()
    {
        var at = _clock.Elapsed.TotalSeconds;
        var members = _members();
        var readings = await Task.WhenAll(members.Select(m => ReadAsync(m, at)));
        lock (_samples)
        {
            foreach (var sample in readings.OfType<ProcessSample>())
            {
                _samples.Add(sample);
                _csv.WriteLine(sample.ToCsv());
            }
        }
    }

    private async Task<ProcessSample?> ReadAsync(SoakMember member, double at)
    {
        try
        {
            var pid = member.Process.Id;
            var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
            var descriptors = Directory.GetFiles($"/proc/{pid}/fd");
            var sockets = descriptors.Count(d => new FileInfo(d).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
            var runtime = member.Metrics is { } metrics ? await RuntimeAsync(metrics) : default;
            return new ProcessSample(
                at, member.Name, pid, Field(status, "VmRSS:") * 1024, runtime.Heap, runtime.Gen0, runtime.Gen1, runtime.Gen2, (int)Field(status, "Threads:"), descriptors.Length, sockets);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The heap after the last GC (all generations) and the GC counts, from the runtime's own meter; nulls when the scrape fails.</summary>
    private async Task<(long? Heap, long? Gen0, long? Gen1, long? Gen2)> RuntimeAsync(Uri metrics)
    {
        string text;
        try
        {
            text = await _http.GetStringAsync(metrics);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return default;
        }

        long heap = 0, gen0 = 0, gen1 = 0, gen2 = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
            {
                heap += Value(line);
            }
            else if (line.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal))
            {
                var value = Value(line);
                if (line.Contains("\"gen0\"", StringComparison.Ordinal))
                {
                    gen0 = value;
                }
                else if (line.Contains("\"gen1\"", StringComparison.Ordinal))
                {
                    gen1 = value;
                }
                else if (line.Contains("\"gen2\"", StringComparison.Ordinal))
                {
                    gen2 = value;
                }
            }
        }

        return (heap, gen0, gen1, gen2);
    }

    /// <summary><c>name{labels} 123</c> (a timestamp may follow) → 123.</summary>
    private static long Value(string line) =>
        (long)double.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary><c>VmRSS:&#9;  139220 kB</c> → 139220.</summary>
    private static long Field(string[] status, string name) =>
        status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;
}
