namespace Mesh.Proxy.Caching;

/// <summary>
/// Stands in for the response body while a cacheable response streams to the client: every write goes on to the client
/// as before, and a copy is kept up to the route's <c>maxBodyBytes</c>. Past that the copy is dropped and the response
/// simply streams; the client never waits for the cache.
/// </summary>
internal sealed class BodyCapture(Stream inner, long limit) : Stream
{
    private MemoryStream? _copy = new();

    /// <summary>The whole body, or null when it outgrew the limit.</summary>
    public byte[]? Captured => _copy?.ToArray();

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Keep(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Keep(ReadOnlySpan<byte> buffer)
    {
        Written += buffer.Length;
        if (_copy is null)
        {
            return;
        }

        if (Written > limit)
        {
            _copy = null;
            return;
        }

        _copy.Write(buffer);
    }
}
