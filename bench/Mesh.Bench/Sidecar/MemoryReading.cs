using Mesh.Bench.Measurement;

namespace Mesh.Bench.Sidecar;

/// <summary>The edge's and the sidecar's process figures at one moment, and the sidecar's managed heap after its last GC.</summary>
internal sealed record MemoryReading(ProcessStats Edge, ProcessStats Sidecar, double SidecarHeapBytes, double SidecarGcCommittedBytes);
