using System.Threading.Channels;
using Mesh.Contracts.Circuits;

namespace Mesh.Silo.Tests.Circuits;

internal sealed class RecordingCircuitObserver : ICircuitObserver
{
    private readonly Channel<CircuitStatus> _received = Channel.CreateUnbounded<CircuitStatus>();

    public Task OnCircuitChangedAsync(CircuitStatus status) => _received.Writer.WriteAsync(status).AsTask();

    public async Task<CircuitStatus> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(deadline.Token);
    }
}
