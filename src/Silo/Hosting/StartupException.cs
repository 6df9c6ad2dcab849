namespace Mesh.Silo.Hosting;

/// <summary>A reason the silo cannot start, worded for the one line an operator reads.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
