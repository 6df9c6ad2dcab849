namespace Mesh.Bench.Sidecar;

/// <summary>Memory over the run: idle before any request, the end of the load, idle again after it, and the sampled peaks under load.</summary>
internal sealed record MemoryReport(MemoryReading Idle, MemoryReading EndOfLoad, MemoryReading AfterLoad, long EdgePeakRss, long SidecarPeakRss, int Samples);
