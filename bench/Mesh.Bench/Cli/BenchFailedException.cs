namespace Mesh.Bench.Cli;

/// <summary>The system under test did not get to the state a measurement needs (not ready, wrong answer).</summary>
internal sealed class BenchFailedException(string message) : Exception(message);
