namespace Mesh.Hosting;

/// <summary>A reason a Mesh program cannot start, worded for the one line an operator reads.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
