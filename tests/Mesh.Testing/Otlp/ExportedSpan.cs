namespace Mesh.Testing.Otlp;

/// <summary>One span as an OpenTelemetry exporter sent it, with the resource (process) that recorded it.</summary>
/// <param name="TraceId">32 lowercase hex digits, as in <c>traceparent</c>.</param>
/// <param name="SpanId">16 lowercase hex digits.</param>
/// <param name="ParentSpanId">16 lowercase hex digits, or empty for a root span.</param>
/// <param name="Kind"><c>server</c>, <c>client</c>, <c>internal</c>, <c>producer</c>, <c>consumer</c> or <c>unspecified</c>.</param>
/// <param name="Resource">The resource's string attributes, e.g. <c>service.name</c>, <c>service.instance.id</c>.</param>
/// <param name="Attributes">The span's string and number attributes, as text.</param>
public sealed record ExportedSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    string Kind,
    string Scope,
    IReadOnlyDictionary<string, string> Resource,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string ServiceName => Resource.GetValueOrDefault("service.name", "");

    public string ServiceInstance => Resource.GetValueOrDefault("service.instance.id", "");

    public override string ToString() =>
        $"{ServiceName}/{ServiceInstance} {Kind} '{Name}' span {SpanId} parent {(ParentSpanId.Length == 0 ? "-" : ParentSpanId)}";
}
