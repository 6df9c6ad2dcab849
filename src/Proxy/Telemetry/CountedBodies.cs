using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Mesh.Proxy.Telemetry;

/// <summary>
/// Counts the bytes of a request's body as it is read and of its response's as it is written, for the access log and analytics.
/// The response side stands in for the server's body feature and hands everything else (start, completion, send-file,
/// buffering) to it, so streaming answers (gRPC, server-sent events) end exactly as they would without it.
/// </summary>
internal sealed class CountedBodies : IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly CountingWriter _writer;

    private CountedBodies(IHttpResponseBodyFeature inner)
    {
        _inner = inner;
        Stream = new CountingStream(inner.Stream, this, reads: false);
        _writer = new CountingWriter(inner.Writer, this);
    }

    public long BytesIn { get; private set; }

    public long BytesOut { get; private set; }

    public Stream Stream { get; }

    public PipeWriter Writer => _writer;

    public static CountedBodies Install(HttpContext context)
    {
        var counted = new CountedBodies(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(counted);
        context.Request.Body = new CountingStream(context.Request.Body, counted, reads: true);
        return counted;
    }

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        _inner.SendFileAsync(path, offset, count, cancellationToken);

    public Task CompleteAsync() => _inner.CompleteAsync();

    private sealed class CountingStream(Stream inner, CountedBodies counts, bool reads) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            counts.BytesOut += buffer.Length;
            inner.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            counts.BytesOut += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private int Counted(int read)
        {
            if (reads)
            {
                counts.BytesIn += read;
            }

            return read;
        }
    }

    private sealed class CountingWriter(PipeWriter inner, CountedBodies counts) : PipeWriter
    {
        public override void Advance(int bytes)
        {
            counts.BytesOut += bytes;
            inner.Advance(bytes);
        }

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
