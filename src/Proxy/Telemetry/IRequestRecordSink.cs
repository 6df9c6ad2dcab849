namespace Mesh.Proxy.Telemetry;

/// <summary>What takes every finished request's <see cref="RequestRecord"/>: the access log, analytics. It must not block.</summary>
internal interface IRequestRecordSink
{
    /// <summary>Decided at start-up: a proxy with no sink enabled records nothing and pays nothing.</summary>
    bool Enabled { get; }

    /// <summary>
    /// Whether it reads the fields only a log line shows (client address, trace id, cache, fault and rate-limit
    /// outcomes): they cost a string or a header lookup per request, so they are filled only when a sink reads them.
    /// </summary>
    bool ReadsDetail { get; }

    void Add(RequestRecord record);
}
