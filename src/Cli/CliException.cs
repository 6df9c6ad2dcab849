namespace Mesh.Cli;

/// <summary>What stops a command, said in one line: meshctl prints it as <c>meshctl: error: …</c> and exits 1.</summary>
internal sealed class CliException(string message) : Exception(message);
