using System.Buffers;
using System.Text.Json;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.AccessLogs;

/// <summary>
/// Writes the access log, one JSON object per line, to standard output or appended to a file, off the request path:
/// entries are taken from <see cref="AccessLog"/> as they come, gathered into writes of up to 64 KiB, and flushed
/// whenever the queue runs dry.
/// </summary>
internal sealed partial class AccessLogWriter(AccessLog log, IOptions<ProxyOptions> options, ILogger<AccessLogWriter> logger) : BackgroundService
{
    private readonly string _proxy = options.Value.ResolvedId;

    /// <summary>Lines are gathered up to this many bytes and written in one call.</summary>
    private const int BatchBytes = 64 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!log.Enabled)
        {
            return;
        }

        await using var stream = Open(log.Target);
        var batch = new ArrayBufferWriter<byte>(BatchBytes * 2);
        await using var json = new Utf8JsonWriter(batch, new JsonWriterOptions { SkipValidation = true });
        var reader = log.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var entry))
                {
                    Append(json, batch, entry);
                    if (batch.WrittenCount >= BatchBytes)
                    {
                        await WriteAsync(stream, batch, stoppingToken);
                    }
                }

                await WriteAsync(stream, batch, stoppingToken);
                await stream.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below.
        }
        catch (IOException e)
        {
            LogWriteFailed(log.Target, e);
            return;
        }

        while (reader.TryRead(out var left))
        {
            Append(json, batch, left);
        }

        await WriteAsync(stream, batch, CancellationToken.None);
        await stream.FlushAsync(CancellationToken.None);
    }

    private static async Task WriteAsync(Stream stream, ArrayBufferWriter<byte> batch, CancellationToken cancellationToken)
    {
        if (batch.WrittenCount > 0)
        {
            await stream.WriteAsync(batch.WrittenMemory, cancellationToken);
            batch.ResetWrittenCount();
        }
    }

    private void Append(Utf8JsonWriter json, ArrayBufferWriter<byte> batch, RequestRecord entry)
    {
        Write(json, entry);
        json.Flush();
        json.Reset(batch);
        batch.GetSpan(1)[0] = (byte)'\n';
        batch.Advance(1);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        return base.StopAsync(cancellationToken);
    }

    private static Stream Open(string target) => string.Equals(target, AccessLog.Stdout, StringComparison.OrdinalIgnoreCase)
        ? Console.OpenStandardOutput()
        : new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);

    private void Write(Utf8JsonWriter json, RequestRecord entry)
    {
        json.WriteStartObject();
        json.WriteString("time", entry.Time);
        json.WriteString("proxy", _proxy);
        json.WriteString("route", entry.Route);
        json.WriteString("service", entry.Service);
        json.WriteString("endpoint", entry.Endpoint);
        json.WriteString("caller", entry.Caller);
        json.WriteString("method", entry.Method);
        json.WriteString("path", entry.Path);
        json.WriteNumber("status", entry.Status);
        if (entry.UpstreamStatus is { } upstream)
        {
            json.WriteNumber("upstreamStatus", upstream);
        }
        else
        {
            json.WriteNull("upstreamStatus");
        }

        json.WriteNumber("durationMs", Math.Round(entry.DurationMs, 3));
        if (entry.UpstreamDurationMs is { } upstreamMs)
        {
            json.WriteNumber("upstreamDurationMs", Math.Round(upstreamMs, 3));
        }
        else
        {
            json.WriteNull("upstreamDurationMs");
        }

        json.WriteNumber("bytesIn", entry.BytesIn);
        json.WriteNumber("bytesOut", entry.BytesOut);
        json.WriteString("consumer", entry.Consumer);
        json.WriteString("client", entry.Client);
        json.WriteString("traceId", entry.TraceId);
        json.WriteNumber("retries", entry.Retries);
        json.WriteString("cache", entry.Cache);
        json.WriteString("fault", entry.Fault);
        json.WriteString("rateLimit", entry.RateLimit);
        json.WriteString("clientFault", entry.ClientFault);
        json.WriteEndObject();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The access log {Target} could not be written; access logging stopped")]
    private partial void LogWriteFailed(string target, Exception exception);
}
