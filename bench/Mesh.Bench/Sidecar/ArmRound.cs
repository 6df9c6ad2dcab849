using Mesh.Bench.Load;

namespace Mesh.Bench.Sidecar;

/// <summary>One round of one arm: the requests, and the CPU time the edge and the sidecar used meanwhile.</summary>
internal sealed record ArmRound(int Round, LoadRun Run, TimeSpan EdgeCpu, TimeSpan SidecarCpu);
