using System.Net;

namespace Mesh.Testing;

/// <summary>
/// A large request body of unknown length (sent chunked), generated as it is sent, so the test process holds
/// one buffer of it at a time whatever its size.
/// </summary>
public sealed class GeneratedUpload(long length) : HttpContent
{
    private const int BufferSize = 64 * 1024;

    public long Length { get; } = length;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        Random.Shared.NextBytes(buffer);
        for (var sent = 0L; sent < Length;)
        {
            var chunk = (int)Math.Min(BufferSize, Length - sent);
            await stream.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken);
            sent += chunk;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
