using System.Net;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>A request body of unknown length: HttpClient sends it with <c>Transfer-Encoding: chunked</c> and no Content-Length.</summary>
public sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
