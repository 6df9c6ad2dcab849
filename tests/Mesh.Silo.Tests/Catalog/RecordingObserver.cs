using System.Threading.Channels;
using Mesh.Contracts.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Mesh.Silo.Tests.Catalog;

/// <summary>A watcher as a proxy would hold one: it keeps every snapshot pushed to it, and every state delta apart.</summary>
internal sealed class RecordingObserver : ICatalogObserver
{
    /// <summary>As a proxy decodes what it is pushed: Orleans' serializer with the contracts' codecs.</summary>
    private static readonly Serializer<CatalogSnapshot> Decoder =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<CatalogSnapshot>>();

    private readonly Channel<CatalogSnapshot> _received = Channel.CreateUnbounded<CatalogSnapshot>();
    private readonly Channel<EndpointStateDelta> _deltas = Channel.CreateUnbounded<EndpointStateDelta>();

    /// <summary>Held back until released, as a slow proxy would: pushes wait behind it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>How long each snapshot takes to acknowledge, as a busy proxy's would.</summary>
    public TimeSpan AckDelay { get; set; }

    public async Task OnSnapshotAsync(EncodedSnapshot encoded)
    {
        var snapshot = encoded.Decode(Decoder);
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        if (AckDelay > TimeSpan.Zero)
        {
            await Task.Delay(AckDelay);
        }

        await _received.Writer.WriteAsync(snapshot);
    }

    public Task OnEndpointStateAsync(EndpointStateDelta delta) => _deltas.Writer.WriteAsync(delta).AsTask();

    public async Task<CatalogSnapshot> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    public bool TryTake(out CatalogSnapshot? snapshot) => _received.Reader.TryRead(out snapshot);

    public bool TryTakeDelta(out EndpointStateDelta? delta) => _deltas.Reader.TryRead(out delta);
}
