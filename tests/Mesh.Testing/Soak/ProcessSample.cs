namespace Mesh.Testing.Soak;

/// <summary>
/// One reading of one process: resident memory, the managed heap after the last GC and the GCs so far by
/// generation (from its <c>/metrics</c>; null for an app, which has none), threads, open descriptors and sockets.
/// </summary>
public sealed record ProcessSample(
    double AtSeconds, string Name, int Pid, long RssBytes, long? HeapBytes, long? Gen0, long? Gen1, long? Gen2, int Threads, int Descriptors, int Sockets)
{
    public const string CsvHeader = "seconds,process,pid,rss_mb,heap_mb,gc_gen0,gc_gen1,gc_gen2,threads,fds,sockets";

    public string ToCsv() => string.Join(',', [
        AtSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
        Name,
        Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Mb(RssBytes),
        HeapBytes is { } heap ? Mb(heap) : "",
        Gen0?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Gen1?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Gen2?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Descriptors.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Sockets.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
