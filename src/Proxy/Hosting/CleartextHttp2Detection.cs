using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Mesh.Proxy.Hosting;

/// <summary>
/// HTTP/1.1 and prior-knowledge h2c on one cleartext port, as Envoy and nginx serve them. Kestrel picks HTTP/1.1 for
/// every cleartext connection of an <c>Http1AndHttp2</c> listener, because without TLS there is no ALPN to say
/// otherwise (dotnet/aspnetcore#56984). This reads the connection's first bytes without consuming them: a connection
/// that opens with the HTTP/2 preface is shown to Kestrel as if ALPN had chosen <c>h2</c>; any other goes on as
/// HTTP/1.1 with every byte intact.
/// </summary>
internal static class CleartextHttp2Detection
{
    /// <summary>RFC 9113 §3.4: the client connection preface.</summary>
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private static readonly ReadOnlyMemory<byte> H2 = "h2"u8.ToArray();

    /// <remarks>
    /// Kestrel then takes the <c>:scheme</c> an HTTP/2 client sends (it must, for h2c clients say <c>http</c> on what it
    /// believes is TLS); <see cref="PinScheme"/>, called first thing for every proxied request, puts back the scheme the
    /// connection really has.
    /// </remarks>
    public static void Enable(KestrelServerOptions kestrel, ListenOptions listen)
    {
        kestrel.AllowAlternateSchemes = true;
        var firstBytesTimeout = kestrel.Limits.RequestHeadersTimeout;
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.Use(next => connection => DetectAsync(connection, next, firstBytesTimeout));
    }

    /// <summary>An HTTP/2 request's scheme is its connection's, never what the client put in <c>:scheme</c>.</summary>
    public static void PinScheme(HttpContext context)
    {
        if (HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            context.Request.Scheme = context.Features.Get<ITlsConnectionFeature>() is null or PriorKnowledge ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        }
    }

    private static async Task DetectAsync(ConnectionContext connection, ConnectionDelegate next, TimeSpan firstBytesTimeout)
    {
        if (await StartsWithPrefaceAsync(connection, firstBytesTimeout))
        {
            // Kestrel chooses HTTP/2 for a connection with TLS whose ALPN said h2; these two features are all it reads.
            connection.Features.Set<ITlsConnectionFeature>(PriorKnowledge.Instance);
            connection.Features.Set<ITlsApplicationProtocolFeature>(PriorKnowledge.Instance);
        }

        await next(connection);
    }

    private static async Task<bool> StartsWithPrefaceAsync(ConnectionContext connection, TimeSpan timeout)
    {
        var input = connection.Transport.Input;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(deadline.Token);
                var buffer = read.Buffer;
                var verdict = Compare(buffer);
                if (verdict is not null || read.IsCompleted)
                {
                    // Nothing consumed, nothing examined: the protocol that follows reads the same bytes at once.
                    input.AdvanceTo(buffer.Start);
                    return verdict == true;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            // Silent or gone: HTTP/1.1 and its own header timeout take it from here.
            return false;
        }
    }

    /// <summary>True: the preface. False: something else. Null: a prefix of the preface so far, read on.</summary>
    private static bool? Compare(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> start = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(start);
        if (!start[..length].SequenceEqual(Preface.AsSpan(0, length)))
        {
            return false;
        }

        return length == Preface.Length ? true : null;
    }

    private sealed class PriorKnowledge : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public static PriorKnowledge Instance { get; } = new();

        public ReadOnlyMemory<byte> ApplicationProtocol => H2;

        public X509Certificate2? ClientCertificate
        {
            get => null;
            set => throw new NotSupportedException("a cleartext connection has no client certificate");
        }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
            Task.FromResult<X509Certificate2?>(null);
    }
}
