using System.Collections.Concurrent;
using Google.Protobuf;
using Mesh.Testing.Otlp.Proto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesh.Testing.Otlp;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on a free loopback port: decodes every protobuf
/// <c>POST /v1/traces</c> into <see cref="Spans"/> and accepts (and drops) metrics and logs, answering as a
/// collector does, so the programs under test export exactly as they would to a real one.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private const string Protobuf = "application/x-protobuf";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();
    private readonly ConcurrentQueue<string> _rejected = new();
    private int _metricExports;

    private OtlpCollector(WebApplication app, int port)
    {
        _app = app;
        Address = $"http://127.0.0.1:{port}";
    }

    /// <summary>The OTLP endpoint, for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Address { get; }

    /// <summary>Configuration arguments that point a Mesh program or sample at this collector, exporting every 200 ms.</summary>
    public IReadOnlyList<string> ExportArguments =>
    [
        $"--OTEL_EXPORTER_OTLP_ENDPOINT={Address}",
        "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
        "--OTEL_BSP_SCHEDULE_DELAY=200",
        "--OTEL_METRIC_EXPORT_INTERVAL=1000",
    ];

    /// <summary>Every span received so far, in arrival order.</summary>
    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    /// <summary>How many non-empty metric exports arrived (they are counted, not decoded).</summary>
    public int MetricExports => Volatile.Read(ref _metricExports);

    /// <summary>Why any export was refused (not protobuf, or not decodable): a test asserts this stays empty.</summary>
    public IReadOnlyList<string> Rejected => [.. _rejected];

    /// <summary>The spans of one trace (<paramref name="traceId"/> as 32 hex digits).</summary>
    public IReadOnlyList<ExportedSpan> Trace(string traceId) =>
        [.. _spans.Where(span => string.Equals(span.TraceId, traceId, StringComparison.OrdinalIgnoreCase))];

    public static async Task<OtlpCollector> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var collector = new OtlpCollector(app, port);
        app.MapPost("/v1/traces", collector.ReceiveTracesAsync);
        app.MapPost("/v1/metrics", collector.ReceiveMetricsAsync);
        app.MapPost("/v1/logs", AcceptAsync);
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        if (request.ContentType?.StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase) != true)
        {
            _rejected.Enqueue($"content type '{request.ContentType}'");
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await ReadAsync(request);
        ExportTraceServiceRequest export;
        try
        {
            export = ExportTraceServiceRequest.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException error)
        {
            _rejected.Enqueue(error.Message);
            return Results.BadRequest();
        }

        foreach (var resourceSpans in export.ResourceSpans)
        {
            var resource = Text(resourceSpans.Resource?.Attributes ?? []);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    _spans.Enqueue(new ExportedSpan(
                        Convert.ToHexStringLower(span.TraceId.Span),
                        Convert.ToHexStringLower(span.SpanId.Span),
                        Convert.ToHexStringLower(span.ParentSpanId.Span),
                        span.Name,
                        KindName(span.Kind),
                        scopeSpans.Scope?.Name ?? "",
                        resource,
                        Text(span.Attributes)));
                }
            }
        }

        return Answer(new ExportTraceServiceResponse());
    }

    private async Task<IResult> ReceiveMetricsAsync(HttpRequest request)
    {
        if (await ReadAsync(request) is { Length: > 0 })
        {
            Interlocked.Increment(ref _metricExports);
        }

        return Answer(new ExportTraceServiceResponse());
    }

    private static async Task<IResult> AcceptAsync(HttpRequest request)
    {
        await ReadAsync(request);
        return Answer(new ExportTraceServiceResponse());
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    // Every signal's export response without a partial success is the empty message: zero bytes of protobuf.
    private static IResult Answer(IMessage response) => Results.Bytes(response.ToByteArray(), Protobuf);

    private static string KindName(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "server",
        Span.Types.SpanKind.Client => "client",
        Span.Types.SpanKind.Internal => "internal",
        Span.Types.SpanKind.Producer => "producer",
        Span.Types.SpanKind.Consumer => "consumer",
        _ => "unspecified",
    };

    private static Dictionary<string, string> Text(IEnumerable<KeyValue> attributes) =>
        attributes
            .Where(attribute => attribute.Value is not null)
            .GroupBy(attribute => attribute.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => Text(group.Last().Value), StringComparer.Ordinal);

    private static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };
}
