namespace Mesh.Testing;

/// <summary>How a <see cref="TestBackend"/> answers the requests that arrive from now on.</summary>
internal enum BackendMode
{
    Healthy,
    Failing,
    Hanging,
    Delaying,
    Flaky,
}
