using System.Threading.Channels;
using Mesh.Contracts.Catalog;

namespace Mesh.Silo.Tests.Catalog;

/// <summary>A watcher as a proxy would hold one: it keeps every snapshot pushed to it.</summary>
internal sealed class RecordingObserver : ICatalogObserver
{
    private readonly Channel<CatalogSnapshot> _received = Channel.CreateUnbounded<CatalogSnapshot>();

    public Task OnSnapshotAsync(CatalogSnapshot snapshot) => _received.Writer.WriteAsync(snapshot).AsTask();

    public async Task<CatalogSnapshot> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    public bool TryTake(out CatalogSnapshot? snapshot) => _received.Reader.TryRead(out snapshot);
}
