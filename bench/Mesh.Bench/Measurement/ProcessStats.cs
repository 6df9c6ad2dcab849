using System.Diagnostics;
using System.Globalization;

namespace Mesh.Bench.Measurement;

/// <summary>
/// A process's resident memory now and at its peak (<c>VmRSS</c> and <c>VmHWM</c> in <c>/proc/{id}/status</c>,
/// Linux only) and the CPU time it has used so far (user + system).
/// </summary>
internal sealed record ProcessStats(long RssBytes, long PeakRssBytes, TimeSpan Cpu)
{
    public static ProcessStats Read(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        using var process = Process.GetProcessById(processId);
        return new ProcessStats(Field(status, "VmRSS:"), Field(status, "VmHWM:"), process.TotalProcessorTime);
    }

    /// <summary><c>VmRSS</c> in bytes, or null when the process is gone.</summary>
    public static long? Rss(int processId)
    {
        try
        {
            return Field(File.ReadAllLines($"/proc/{processId}/status"), "VmRSS:");
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary><c>VmRSS:&#9;  139220 kB</c> → bytes.</summary>
    private static long Field(string[] status, string name) =>
        status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024
            : 0;
}
