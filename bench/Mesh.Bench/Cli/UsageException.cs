namespace Mesh.Bench.Cli;

/// <summary>A bad command line: printed as one line with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
