namespace Mesh.Testing;

/// <summary>The backends one test class started, all stopped when it ends, also when a test failed.</summary>
public sealed class TestBackends : IAsyncDisposable
{
    private readonly List<TestBackend> _started = [];

    public async Task<TestBackend> StartAsync(string name)
    {
        var backend = await TestBackend.StartAsync(name);
        lock (_started)
        {
            _started.Add(backend);
        }

        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        TestBackend[] started;
        lock (_started)
        {
            started = [.. _started];
            _started.Clear();
        }

        foreach (var backend in started)
        {
            await backend.DisposeAsync();
        }
    }
}
